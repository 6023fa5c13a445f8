package dev.keydesk.client.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an error body says, whichever of the three known shapes it has:
 * ours {@code {"error":"code","message":..,"request_id":..,"param":..,"required_permission":..}},
 * the Narrative platform's {@code {"error":"..","error_description":".."}}, and
 * {@code {"error":{"message":..,"code"|"type":..}}}. Every field may be null. A 429 of the local
 * server also names the limit hit ({@code "limit_scope"}).
 */
record ErrorBody(String code, String message, String requestId, String param, String requiredPermission,
                 String limitScope) {

    static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, null, null);

    /** Never fails: a body that is not a JSON object says nothing. */
    static ErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return EMPTY;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return EMPTY;
        }
        if (root == null || !root.isObject()) {
            return EMPTY;
        }
        JsonNode error = root.get("error");
        JsonNode inner = error != null && error.isObject() ? error : null;
        String code = error != null && error.isTextual() ? error.asText()
                : first(Json.text(inner, "code"), Json.text(inner, "type"), Json.text(root, "code"));
        String message = first(
                Json.text(root, "message"),
                Json.text(root, "error_description"),
                Json.text(inner, "message"),
                Json.text(inner, "description"),
                Json.text(root, "detail"),
                Json.text(root, "title"));
        String requestId = first(Json.text(root, "request_id"), Json.text(inner, "request_id"));
        String param = first(Json.text(root, "param"), Json.text(inner, "param"));
        String required = first(Json.text(root, "required_permission"), Json.text(inner, "required_permission"));
        String scope = first(Json.text(root, "limit_scope"), Json.text(inner, "limit_scope"));
        return new ErrorBody(blankToNull(code), blankToNull(message), blankToNull(requestId), blankToNull(param),
                blankToNull(required), blankToNull(scope));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
