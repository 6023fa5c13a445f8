package dev.keydesk.client.narrative;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyField;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.keydesk.client.Scripted.PLAIN;
import static dev.keydesk.client.Scripted.body;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Narrative dialect against a server scripted to answer exactly as Narrative's public OpenAPI
 * (access tokens, v2.4.x) says, its examples included (written out by hand here; the notes' fixtures
 * F1–F17 are named where they are used).
 */
class NarrativeScriptedTest {

    /** The client's own token: base64 with {@code + / =}, no prefix. */
    static final String OWN_TOKEN = "Zm9vYmFyYmF6+/qux0123456789ABCDEF==";
    static final String NEW_SECRET = "ldg8uuGibVJNHI9s+dcdIQ==";

    static final String PERMS_RW = """
            [{"access":"read","resource":"datasets"},{"access":"write","resource":"datasets"},
             {"access":"read","resource":"subscriptions"},{"access":"write","resource":"subscriptions"}]""";
    /** F1: the list example. */
    static final String LIST_EXAMPLE = """
            {"records":[
              {"id":"546c65d6-e589-4d3c-b1fe-7e61711cc418","name":"My Read/Write Token","permissions":%s,
               "expires_at":"2023-10-31T11:19:13.400498Z"},
              {"id":"2fb4df74-5318-4ecf-9f23-a8e1066689ba","name":"My Read-Only Token",
               "permissions":[{"access":"read","resource":"datasets"},{"access":"read","resource":"subscriptions"}],
               "expires_at":"2023-11-30T11:19:13.400498Z"}]}""".formatted(PERMS_RW);
    /** The token example (AccessTokenWithoutCredentials). */
    static final String TOKEN_EXAMPLE = """
            {"id":"546c65d6-e589-4d3c-b1fe-7e61711cc418","name":"My Token","permissions":%s,
             "expires_at":"2023-10-31T11:19:13.400498Z"}""".formatted(PERMS_RW);
    /** F5: the create example (tokens_AccessToken), the secret as access_token. */
    static final String CREATED_EXAMPLE = TOKEN_EXAMPLE.replace("\"expires_at\"",
            "\"access_token\":\"" + NEW_SECRET + "\",\"expires_at\"");
    static final String UNAUTHORIZED = """
            {"error":"Unauthorized","error_description":"You are not authorized to use this endpoint."}""";
    /** F16: the whoami example (no permissions in it). */
    static final String WHOAMI_EXAMPLE = """
            {"user_id":407,"name":"John Doe","company_access_list":[1],
             "current_company_scope":{"company_id":1,"slug":"narrative","name":"Narrative, Inc (id 1!)",
               "short_description":"Another New Short Description","long_description":"Narrative Long Description",
               "contact_email":null,"website":"https://app-dev.narrative.io/","data_shop_url":"https://shop.nicks.io/",
               "twitter_link":"https://twitter.com/narrative_io",
               "linkedin_link":"https://www.linkedin.com/company/narrative-io","image_url":null,
               "status":"active","visibility":"visible"},
             "created_at":"2022-11-29T21:42:24.978707Z","created_by":null,"last_updated_at":null,
             "last_updated_by":null}""";


    @StartStop
    MockWebServer server = new MockWebServer();

    final Scripted.RecordingSleeper sleeper = new Scripted.RecordingSleeper();
    KeyApi api;

    @BeforeEach
    void setUp() {
        api = Scripted.client(server, sleeper).dialect(Dialect.NARRATIVE).secret(Secret.of(OWN_TOKEN)).build();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private static MockResponse empty(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    private static KeyCreateParams create(String name, Instant expires, String... permissions) {
        return new KeyCreateParams(name, null, null, List.of(permissions).stream().map(Permission::parse).toList(),
                expires);
    }

    // ---- list and get ----

    @Test
    void theListExampleIsOnePageOfTokensWithOnlyTheirFourFields() throws Exception {
        server.enqueue(json(200, LIST_EXAMPLE));
        Page<ApiKey> page = api.listKeys(KeyListParams.firstPage(5));
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isNull();
        assertThat(page.data()).extracting(ApiKey::id)
                .containsExactly("546c65d6-e589-4d3c-b1fe-7e61711cc418", "2fb4df74-5318-4ecf-9f23-a8e1066689ba");
        ApiKey rw = page.data().get(0);
        assertThat(rw.name()).isEqualTo("My Read/Write Token");
        assertThat(rw.permissions()).extracting(Permission::value)
                .containsExactly("datasets:read", "datasets:write", "subscriptions:read", "subscriptions:write");
        // Microseconds kept.
        assertThat(rw.expiresAt()).isEqualTo(Instant.parse("2023-10-31T11:19:13.400498Z"));
        assertThat(rw.neverExpires()).isFalse();
        // Every other field: nothing Narrative does not say.
        assertThat(rw.prefix()).isNull();
        assertThat(rw.createdAt()).isNull();
        assertThat(rw.lastUsed()).isNull();
        assertThat(rw.usage()).isEqualTo(Usage.NONE);
        assertThat(rw.description()).isNull();
        assertThat(rw.type()).isNull();
        assertThat(rw.status()).isNull();
        assertThat(rw.createdBy()).isNull();
        assertThat(rw.lastUsedIp()).isNull();
        assertThat(rw.revokedAt()).isNull();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/access-tokens/tokens");
        assertThat(r.getUrl().querySize()).as("no paging, no query params").isZero();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + OWN_TOKEN);
    }

    @Test
    void listAllIsOneCallAndAnEmptyListIsEmpty() {
        server.enqueue(json(200, LIST_EXAMPLE));
        List<Integer> progress = new ArrayList<>();
        assertThat(api.listAllKeys(progress::add)).hasSize(2);
        assertThat(progress).containsExactly(2);
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(200, "{\"records\":[]}")); // F2
        assertThat(api.listAllKeys(null)).isEmpty();
    }

    @Test
    void statusFiltersWorkByExpiryAndRevokedCannotBeListed() {
        // The clock says 2026; one token expires in 2030, the examples long ago.
        String mixed = LIST_EXAMPLE.replace("2023-11-30T11:19:13.400498Z", "2030-01-01T00:00:00Z");
        server.enqueue(json(200, mixed));
        assertThat(api.listAllKeys(KeyStatus.ACTIVE, null)).extracting(ApiKey::name).containsExactly("My Read-Only Token");
        server.enqueue(json(200, mixed));
        assertThat(api.listAllKeys(KeyStatus.EXPIRED, null)).extracting(ApiKey::name).containsExactly("My Read/Write Token");
        server.enqueue(json(200, mixed));
        assertThat(api.listAllKeys(KeyStatus.DISABLED, null)).isEmpty();

        FeatureUnavailableException e = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.listAllKeys(KeyStatus.REVOKED, null));
        assertThat(e.capability()).isEqualTo(Capability.REVOKED_LIST);
        assertThat(e.reason()).contains("deletes");
        assertThat(server.getRequestCount()).as("nothing sent for revoked").isEqualTo(3);
        assertThatThrownBy(() -> api.listKeys(new KeyListParams(null, "c2"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getReadsTheRecordAndHasNoVersionTag() throws Exception {
        server.enqueue(json(200, "{\"record\":" + TOKEN_EXAMPLE + "}")); // F3
        VersionedKey v = api.getKey("546c65d6-e589-4d3c-b1fe-7e61711cc418");
        assertThat(v.key().name()).isEqualTo("My Token");
        assertThat(v.etag()).isNull();
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/access-tokens/tokens/546c65d6-e589-4d3c-b1fe-7e61711cc418");
    }

    @Test
    void anUnknownTokenIs404WithoutABody() {
        server.enqueue(empty(404)); // F4
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> api.getKey("00000000-0000-0000-0000-000000000000"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEmpty();
        assertThat(e.getMessage()).isNotBlank();
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void adminAndReviseAccessAnUnknownResourceAnUnknownFieldAndAnExpiredTokenAreKept() {
        // F17
        server.enqueue(json(200, """
                {"records":[{"id":"5e0b8f06-1b4d-4b0e-9d43-64f3b6b2f7a1","name":"Odd one",
                  "permissions":[{"access":"admin","resource":"datasets"},{"access":"revise","resource":"mappings"},
                                 {"access":"create","resource":"forecasts"},{"access":"read","resource":"quantum_widgets"}],
                  "expires_at":"2020-01-01T00:00:00Z","created_by_robot":{"x":1},"new_thing":[1,2]}],
                 "next_thing":true}"""));
        List<ApiKey> keys = api.listAllKeys(null);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.permissions()).extracting(Permission::value).containsExactly("datasets:admin",
                    "mappings:revise", "forecasts:create", "quantum_widgets:read");
            assertThat(k.expiresAt()).isBefore(Scripted.NOW);
        });
    }

    @Test
    void aTokenWithoutItsRequiredExpiryIsAMalformedAnswerNotANeverExpiringKey() {
        server.enqueue(json(200, "{\"records\":[{\"id\":\"x\",\"name\":\"n\",\"permissions\":[]}]}"));
        catchThrowableOfType(dev.keydesk.client.error.MalformedResponseException.class, () -> api.listAllKeys(null));
    }

    // ---- create ----

    @Test
    void createAnswers200WithTheSecretOnceAsAccessToken() throws Exception {
        server.enqueue(json(200, CREATED_EXAMPLE)); // F5
        CreatedKey created = api.createKey(create("My Token", Instant.parse("2023-10-31T11:19:13.400498Z"),
                "datasets:read", "datasets:write", "subscriptions:read", "subscriptions:write"));
        assertThat(created.replayed()).isFalse();
        assertThat(created.secret()).isPresent();
        assertThat(created.secret().get().reveal()).isEqualTo(NEW_SECRET);
        assertThat(created.toString()).doesNotContain(NEW_SECRET).doesNotContain("ldg8uu");
        assertThat(created.key().id()).isEqualTo("546c65d6-e589-4d3c-b1fe-7e61711cc418");
        assertThat(created.key().permissions()).hasSize(4);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/access-tokens/tokens");
        assertThat(r.getHeaders().get("Idempotency-Key")).as("Narrative does not deduplicate").isNull();
        assertThat(body(r)).isEqualTo(PLAIN.readTree("""
                {"name":"My Token","permissions":%s,"expires_at":"2023-10-31T11:19:13.400498Z"}""".formatted(PERMS_RW)));
    }

    @Test
    void aDateOnlyExpiryInTheAnswerIsMidnightUtc() {
        // F6: a request may send a plain date; the server then stores midnight, which may come back as a date.
        server.enqueue(json(200, CREATED_EXAMPLE.replace("2023-10-31T11:19:13.400498Z", "2024-01-31")));
        CreatedKey created = api.createKey(create("Dated", Instant.parse("2024-01-31T00:00:00Z"), "datasets:read"));
        assertThat(created.key().expiresAt()).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        server.enqueue(json(200, TOKEN_EXAMPLE.replace("2023-10-31T11:19:13.400498Z", "2024-01-31T00:00:00+00:00")));
        assertThat(api.getKey("546c65d6-e589-4d3c-b1fe-7e61711cc418").key().expiresAt())
                .isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
    }

    @Test
    void aCreateIsNeverRepeatedAndALostAnswerMayHaveReachedTheServer() {
        server.enqueue(json(500, "{\"error\":\"Internal\",\"error_description\":\"boom\"}"));
        catchThrowableOfType(ServerException.class, () -> api.createKey(create("n", Scripted.NOW.plusSeconds(86400),
                "datasets:read")));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();

        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        TransportException lost = catchThrowableOfType(TransportException.class,
                () -> api.createKey(create("n", Scripted.NOW.plusSeconds(86400), "datasets:read")));
        assertThat(lost.mayHaveReachedServer()).isTrue();
        assertThat(lost.getMessage()).contains("may have reached the server");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void whatNarrativeCannotStoreIsRefusedBeforeSending() {
        Instant in30Days = Scripted.NOW.plusSeconds(30L * 86400);
        List<Permission> read = List.of(Permission.parse("datasets:read"));
        FeatureUnavailableException description = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.createKey(new KeyCreateParams("n", "a description", null, read, in30Days)));
        assertThat(description.capability()).isEqualTo(Capability.DESCRIPTIONS);
        assertThat(description.status()).isZero();
        FeatureUnavailableException never = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.createKey(new KeyCreateParams("n", null, null, read, null)));
        assertThat(never.capability()).isEqualTo(Capability.NEVER_EXPIRES);
        FeatureUnavailableException testType = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.createKey(new KeyCreateParams("n", null, "test", read, in30Days)));
        assertThat(testType.capability()).isEqualTo(Capability.KEY_TYPES);
        ValidationException odd = catchThrowableOfType(ValidationException.class,
                () -> api.createKey(new KeyCreateParams("n", null, null, List.of(Permission.parse("weird")), in30Days)));
        assertThat(odd.field()).isEqualTo(KeyField.PERMISSIONS);
        assertThat(odd.status()).isZero();
        assertThat(server.getRequestCount()).isZero();

        // "live" is what every Narrative token is, and a blank description is none: both go through.
        server.enqueue(json(200, CREATED_EXAMPLE));
        api.createKey(new KeyCreateParams("n", "", "live", read, in30Days));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBadCreateIs400WithNarrativesErrorShapeAndTheFieldReadFromItsWords() {
        // F7
        server.enqueue(json(400, "{\"error\":\"Bad Request\",\"error_description\":\"The provided expiration date is invalid\"}"));
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> api.createKey(create("n", Scripted.NOW.plusSeconds(999L * 86400), "datasets:read")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).contains("Bad Request");
        assertThat(e.getMessage()).isEqualTo("The provided expiration date is invalid.");
        assertThat(e.field()).isEqualTo(KeyField.EXPIRY);
        assertThat(e.param()).isEmpty();

        server.enqueue(json(400, "{\"error\":\"Bad Request\",\"error_description\":\"The request cannot be parsed\"}"));
        ValidationException unparsed = catchThrowableOfType(ValidationException.class,
                () -> api.createKey(create("n", Scripted.NOW.plusSeconds(86400), "datasets:read")));
        assertThat(unparsed.field()).isEqualTo(KeyField.OTHER);
        server.enqueue(json(400, "{\"error\":\"Bad Request\",\"error_description\":\"The provided name is invalid\"}"));
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> api.createKey(create("", Scripted.NOW.plusSeconds(86400), "datasets:read"))).field())
                .isEqualTo(KeyField.NAME);
    }

    // ---- update and revoke ----

    @Test
    void updateIsAPutAnsweredWithTheBareToken() throws Exception {
        server.enqueue(json(200, TOKEN_EXAMPLE)); // F8
        VersionedKey v = api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418", KeyUpdateParams.builder()
                .name("My Token").permissions(List.of(Permission.parse("datasets:read"), Permission.parse("datasets:write"),
                        Permission.parse("subscriptions:read"), Permission.parse("subscriptions:write")))
                .expiresAt(Instant.parse("2023-10-31T11:19:13.400498Z")).build(), "\"ignored\"",
                ChangeOptions.reason("INC-42: leaked"));
        assertThat(v.key().name()).isEqualTo("My Token");
        assertThat(v.etag()).isNull();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/access-tokens/tokens/546c65d6-e589-4d3c-b1fe-7e61711cc418");
        assertThat(r.getHeaders().get("If-Match")).isNull();
        assertThat(r.getHeaders().get("Audit-Reason")).isNull();
        assertThat(body(r)).isEqualTo(PLAIN.readTree("""
                {"name":"My Token","permissions":%s,"expires_at":"2023-10-31T11:19:13.400498Z"}""".formatted(PERMS_RW)));
    }

    @Test
    void aPartialUpdateSendsOnlyWhatChanges() throws Exception {
        server.enqueue(json(200, TOKEN_EXAMPLE.replace("My Token", "Renamed"))); // F9
        assertThat(api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                KeyUpdateParams.builder().name("Renamed").build(), null).key().name()).isEqualTo("Renamed");
        assertThat(body(server.takeRequest())).isEqualTo(PLAIN.readTree("{\"name\":\"Renamed\"}"));

        server.enqueue(json(200, TOKEN_EXAMPLE));
        api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                KeyUpdateParams.builder().expiresAt(Instant.parse("2026-12-31T00:00:00Z")).build(), null);
        assertThat(body(server.takeRequest())).isEqualTo(PLAIN.readTree("{\"expires_at\":\"2026-12-31T00:00:00Z\"}"));
    }

    @Test
    void anUpdateWithNothingNarrativeCanStoreIsNotSent() {
        // F10: the server would answer 400 "Update request is empty"; the client does not ask.
        ValidationException empty = catchThrowableOfType(ValidationException.class,
                () -> api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418", KeyUpdateParams.builder().build(), null));
        assertThat(empty.status()).isZero();
        assertThat(empty.code()).contains("empty_update");
        assertThat(empty.getMessage()).contains("name, permissions and expiry");
        FeatureUnavailableException freeze = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                        KeyUpdateParams.builder().name("x").status(KeyStatus.DISABLED).build(), null));
        assertThat(freeze.capability()).isEqualTo(Capability.FREEZE);
        assertThat(freeze.reason()).contains("only revoked");
        FeatureUnavailableException description = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                        KeyUpdateParams.builder().description("d").build(), null));
        assertThat(description.capability()).isEqualTo(Capability.DESCRIPTIONS);
        FeatureUnavailableException never = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                        KeyUpdateParams.builder().neverExpires().build(), null));
        assertThat(never.capability()).isEqualTo(Capability.NEVER_EXPIRES);
        assertThat(server.getRequestCount()).isZero();

        // Should a server still see an empty PUT, its 400 is a validation error like any other.
        server.enqueue(json(400, "{\"error\":\"Bad Request\",\"error_description\":\"Update request is empty\"}"));
        ValidationException fromServer = catchThrowableOfType(ValidationException.class,
                () -> api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                        KeyUpdateParams.builder().permissions(List.of()).build(), null));
        assertThat(fromServer.getMessage()).isEqualTo("Update request is empty.");
    }

    @Test
    void updateAndRevokeOfAnUnknownTokenAre404WithoutABody() {
        // F11
        server.enqueue(empty(404));
        catchThrowableOfType(NotFoundException.class, () -> api.updateKey("0000", KeyUpdateParams.builder()
                .name("x").build(), null));
        server.enqueue(empty(404));
        catchThrowableOfType(NotFoundException.class, () -> api.revokeKey("0000"));
    }

    @Test
    void revokeIsADeleteAnswered200WithoutABodyThen404() throws Exception {
        // F12
        server.enqueue(empty(200));
        api.revokeKey("546c65d6-e589-4d3c-b1fe-7e61711cc418", ChangeOptions.reason("INC-42"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/access-tokens/tokens/546c65d6-e589-4d3c-b1fe-7e61711cc418");
        assertThat(r.getHeaders().get("Audit-Reason")).isNull();
        server.enqueue(empty(404));
        catchThrowableOfType(NotFoundException.class, () -> api.revokeKey("546c65d6-e589-4d3c-b1fe-7e61711cc418"));
    }

    // ---- authentication and permissions ----

    @Test
    void theNoCompany403HasItsOwnMessage() {
        // F13
        server.enqueue(json(403, "{\"error\":\"Forbidden\",\"error_description\":"
                + "\"The token used to authenticate the request is not associated with a company\"}"));
        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> api.listAllKeys(null));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.isAmbiguous()).isFalse();
        assertThat(e.getMessage()).contains("not associated with a company").contains("issued within a company");
    }

    @Test
    void a401IsAmbiguousBecauseNarrativeDoesNotSayWhetherTheTokenOrAPermissionIsAtFault() {
        // F14 and F15 (as 401): the same body either way.
        server.enqueue(json(401, UNAUTHORIZED));
        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> api.listAllKeys(null));
        assertThat(e.isAmbiguous()).isTrue();
        assertThat(e.code()).contains("Unauthorized");
        assertThat(e.getMessage()).contains("without saying whether the key is invalid or lacks a permission")
                .contains("You are not authorized to use this endpoint.");
    }

    @Test
    void a403ForAMissingPermissionIsAmbiguousPermissionDenied() {
        // F15 as 403 (the SDK guide's status).
        server.enqueue(json(403, UNAUTHORIZED));
        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class, () -> api.listAllKeys(null));
        assertThat(e.isAmbiguous()).isTrue();
        assertThat(e.isEscalation()).isFalse();
        assertThat(e.getMessage()).contains("does not say which");
    }

    @Test
    void aBodyThatDoesNameTheCauseIsTakenAtItsWord() {
        server.enqueue(json(401, "{\"error\":\"Unauthorized\",\"error_description\":\"The token lacks the permission datasets:write\"}"));
        PermissionDeniedException missing = catchThrowableOfType(PermissionDeniedException.class,
                () -> api.listAllKeys(null));
        assertThat(missing.isAmbiguous()).isFalse();
        server.enqueue(json(401, "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}"));
        UnauthorizedException expired = catchThrowableOfType(UnauthorizedException.class, () -> api.listAllKeys(null));
        assertThat(expired.isAmbiguous()).isFalse();
    }

    @Test
    void theOwnBase64TokenNeverShowsInAnErrorOrARequestLine() {
        server.enqueue(json(401, "{\"error\":\"Unauthorized\",\"error_description\":\"Token " + OWN_TOKEN + " unknown\"}"));
        KeyApiException e = catchThrowableOfType(UnauthorizedException.class, () -> api.listAllKeys(null));
        assertThat(e.getMessage()).doesNotContain(OWN_TOKEN).doesNotContain("Zm9vYmFy").contains("[redacted]");
        assertThat(api.toString()).doesNotContain(OWN_TOKEN);
    }

    // ---- whoami, capabilities, what Narrative has not ----

    @Test
    void whoamiNamesTheUserAndCompanyButNoToken() throws Exception {
        server.enqueue(json(200, WHOAMI_EXAMPLE)); // F16
        WhoAmI me = api.whoami().orElseThrow();
        assertThat(me.callingKey()).isEmpty();
        assertThat(me.key()).isNull();
        assertThat(me.userName()).isEqualTo("John Doe");
        assertThat(me.companyName()).isEqualTo("Narrative, Inc (id 1!)");
        assertThat(me.principalDescription()).isEqualTo("John Doe · Narrative, Inc (id 1!)");
        assertThat(me.permissions()).isEmpty();
        assertThat(me.permissionsKnown()).isFalse();
        assertThat(me.holds(Permission.parse("access_tokens:write"))).as("unknown: the server decides").isTrue();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/whoami");
    }

    @Test
    void whoamiWithGroupedPermissionsIsFlattened() {
        server.enqueue(json(200, """
                {"name":"CI robot","permissions":[{"access":["read","write"],"resource":"datasets"},
                                                  {"access":["admin"],"resource":"company_info"},
                                                  {"access":[],"resource":"uploads"}]}"""));
        WhoAmI me = api.whoami().orElseThrow();
        assertThat(me.permissions()).extracting(Permission::value)
                .containsExactly("datasets:read", "datasets:write", "company_info:admin");
        assertThat(me.permissionsKnown()).isTrue();
        assertThat(me.holds(Permission.parse("datasets:write"))).isTrue();
        assertThat(me.holds(Permission.parse("access_tokens:write"))).isFalse();
        assertThat(me.principalDescription()).isEqualTo("CI robot");

        server.enqueue(json(200, "{}"));
        assertThat(api.whoami().orElseThrow().principalDescription()).isEqualTo("unknown caller");
    }

    @Test
    void capabilitiesAreFixedByTheDialectWithAReasonForEachAbsentOne() {
        Capabilities c = api.capabilities();
        assertThat(c.dialect()).isEqualTo(Dialect.NARRATIVE);
        assertThat(c.present()).containsExactly(Capability.MOVE_EXPIRY);
        assertThat(c.absent().keySet()).contains(Capability.FREEZE, Capability.AUDIT_LOG, Capability.USAGE,
                Capability.IDENTIFY, Capability.ETAG, Capability.PAGING, Capability.KEY_TYPES, Capability.PREFIXES,
                Capability.DESCRIPTIONS, Capability.IDEMPOTENT_CREATE, Capability.WHOAMI_NAMES_KEY,
                Capability.NEVER_EXPIRES, Capability.REVOKED_LIST, Capability.AUDIT_REASON);
        assertThat(c.absent().values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(c.whyNot(Capability.WHOAMI_NAMES_KEY)).get().asString().contains("not the token");
        assertThat(server.getRequestCount()).as("asks the server nothing").isZero();
    }

    @Test
    void whatNarrativeHasNotIsUnavailableOrEmptyWithoutARequest() {
        assertThat(catchThrowableOfType(FeatureUnavailableException.class, () -> api.usage("x")).capability())
                .isEqualTo(Capability.USAGE);
        try (Secret leaked = Secret.of("c29tZXRoaW5nbGVha2Vk")) {
            assertThat(catchThrowableOfType(FeatureUnavailableException.class, () -> api.identify(leaked)).capability())
                    .isEqualTo(Capability.IDENTIFY);
        }
        assertThat(catchThrowableOfType(FeatureUnavailableException.class, () -> api.rateLimit()).capability())
                .isEqualTo(Capability.RATE_LIMIT_STATUS);
        assertThat(api.auditEvents(AuditQuery.all())).isEmpty();
        assertThat(api.catalog()).isEqualTo(NarrativeCatalog.builtIn());
        assertThat(api.policy().expirationRequired()).isTrue();
        assertThat(api.policy().maxLifetimeDays()).isEqualTo(365);
        assertThat(api.policy().keyTypes()).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theBuiltInCatalogIsThePermissionsReference() {
        var catalog = NarrativeCatalog.builtIn();
        assertThat(catalog.categories()).containsExactly("Core Data", "Infrastructure", "Applications",
                "Identity & Access", "Automation", "Schema & Mapping");
        assertThat(catalog.accessLevels()).containsExactly("read", "write");
        assertThat(catalog.supports(Permission.parse("datasets:write"))).isTrue();
        assertThat(catalog.supports(Permission.parse("attributes:read"))).isTrue();
        assertThat(catalog.resource("attributes").orElseThrow().description()).contains("not confirmed");
        assertThat(catalog.resources()).hasSize(27);
    }

    @Test
    void aPutIsRepeatedAfterA503AndANoRetryViewIsNot() {
        server.enqueue(json(503, "{\"error\":\"Unavailable\",\"error_description\":\"try later\"}"));
        server.enqueue(json(200, TOKEN_EXAMPLE));
        api.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418", KeyUpdateParams.builder().name("My Token").build(), null);
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(json(503, "{\"error\":\"Unavailable\",\"error_description\":\"try later\"}"));
        KeyApi once = api.withRetryPolicy(RetryPolicy.none());
        catchThrowableOfType(ServerException.class, () -> once.updateKey("546c65d6-e589-4d3c-b1fe-7e61711cc418",
                KeyUpdateParams.builder().name("My Token").build(), null));
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(once.capabilities()).isEqualTo(api.capabilities());
        assertThat(Optional.of(sleeper.waits.size())).contains(1);
    }
}
