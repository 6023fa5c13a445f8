package dev.keydesk.client.narrative;

import dev.keydesk.client.Secret;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Narrative API to talk to, and with which token, from the settings Narrative's tools use:
 * {@code NARRATIVE_ENVIRONMENT} ({@code prod} or {@code dev}, or a URL), {@code NARRATIVE_API_URL},
 * and the token in {@code NARRATIVE_API_KEY} (the SDK's recommended name) or
 * {@code NARRATIVE_API_TOKEN} (the name Narrative's MCP servers read).
 *
 * <p>The rules, for every caller (CLI, app) alike:
 * <ol>
 *   <li>{@code NARRATIVE_API_URL}, when set, is the base URL. If {@code NARRATIVE_ENVIRONMENT} is set
 *       too, both must name the same server, else it is an error: a mix-up between production and
 *       development must not go unnoticed.</li>
 *   <li>Otherwise {@code NARRATIVE_ENVIRONMENT}: {@code prod}/{@code production} is
 *       {@code https://api.narrative.io}, {@code dev}/{@code development} is
 *       {@code https://api-dev.narrative.io} (any case), a value starting with {@code http://} or
 *       {@code https://} is that URL; anything else is an error.</li>
 *   <li>Neither set: production, as Narrative's SDK defaults.</li>
 *   <li>The token: {@code NARRATIVE_API_KEY}, else {@code NARRATIVE_API_TOKEN}; both set to different
 *       values is an error (which one was meant is unknown). Blank counts as unset.</li>
 * </ol>
 * Values are looked up through a function (e.g. {@code System::getenv}), so tests inject their own.
 * Error messages name variables, never a token.
 */
public final class NarrativeEnvironment {

    public static final URI PRODUCTION = URI.create("https://api.narrative.io");
    public static final URI DEVELOPMENT = URI.create("https://api-dev.narrative.io");

    public static final String API_KEY = "NARRATIVE_API_KEY";
    public static final String API_TOKEN = "NARRATIVE_API_TOKEN";
    public static final String ENVIRONMENT = "NARRATIVE_ENVIRONMENT";
    public static final String API_URL = "NARRATIVE_API_URL";

    /** {@link #name()} of a base URL that is neither production nor development. */
    public static final String CUSTOM = "custom";

    private final String name;
    private final URI baseUrl;

    private NarrativeEnvironment(String name, URI baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
    }

    public static NarrativeEnvironment production() {
        return new NarrativeEnvironment("prod", PRODUCTION);
    }

    public static NarrativeEnvironment development() {
        return new NarrativeEnvironment("dev", DEVELOPMENT);
    }

    /**
     * {@code prod}, {@code dev} (or their long forms), or a base URL.
     *
     * @throws IllegalArgumentException anything else
     */
    public static NarrativeEnvironment named(String environmentOrUrl) {
        Objects.requireNonNull(environmentOrUrl, "environmentOrUrl");
        String v = environmentOrUrl.strip();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "prod", "production" -> {
                return production();
            }
            case "dev", "development" -> {
                return development();
            }
            default -> {
                if (v.regionMatches(true, 0, "https://", 0, 8) || v.regionMatches(true, 0, "http://", 0, 7)) {
                    return ofUrl(v, ENVIRONMENT);
                }
                throw new IllegalArgumentException(ENVIRONMENT + " must be prod, dev or a URL (https://…), not “"
                        + v + "”.");
            }
        }
    }

    /**
     * The environment the settings name, by the rules above.
     *
     * @param lookup a variable's value, or null when it is not set (e.g. {@code System::getenv})
     * @throws IllegalArgumentException a value is not understood, or two values disagree
     */
    public static NarrativeEnvironment resolve(Function<String, String> lookup) {
        String url = value(lookup, API_URL);
        String environment = value(lookup, ENVIRONMENT);
        if (url != null) {
            NarrativeEnvironment fromUrl = ofUrl(url, API_URL);
            if (environment != null) {
                NarrativeEnvironment named = named(environment);
                if (!same(named.baseUrl, fromUrl.baseUrl)) {
                    throw new IllegalArgumentException(ENVIRONMENT + " (" + named.baseUrl + ") and " + API_URL + " ("
                            + fromUrl.baseUrl + ") name different servers; unset one of them.");
                }
            }
            return fromUrl;
        }
        return environment != null ? named(environment) : production();
    }

    /**
     * The variable that holds the token, by the rules above: {@code NARRATIVE_API_KEY} or
     * {@code NARRATIVE_API_TOKEN}; empty when neither is set.
     *
     * @throws IllegalArgumentException both are set, to different values
     */
    public static Optional<String> tokenVariable(Function<String, String> lookup) {
        String key = value(lookup, API_KEY);
        String token = value(lookup, API_TOKEN);
        if (key != null && token != null && !key.equals(token)) {
            throw new IllegalArgumentException(API_KEY + " and " + API_TOKEN + " are both set, to different tokens; "
                    + "unset one of them.");
        }
        return key != null ? Optional.of(API_KEY) : token != null ? Optional.of(API_TOKEN) : Optional.empty();
    }

    /**
     * The token from the variable {@link #tokenVariable} chooses, surrounding spaces removed; the
     * caller wipes it when done. (The value arrives as a {@code String}, as environment variables do.)
     */
    public static Optional<Secret> token(Function<String, String> lookup) {
        return tokenVariable(lookup).map(name -> Secret.of(lookup.apply(name).strip()));
    }

    /** {@code prod}, {@code dev} or {@link #CUSTOM}. */
    public String name() {
        return name;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public boolean isProduction() {
        return same(baseUrl, PRODUCTION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NarrativeEnvironment e && e.name.equals(name) && e.baseUrl.equals(baseUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, baseUrl);
    }

    @Override
    public String toString() {
        return "NarrativeEnvironment[" + name + ", " + baseUrl + "]";
    }

    private static NarrativeEnvironment ofUrl(String url, String variable) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: “" + url + "”.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " must be an http(s) URL with a host, not “" + url + "”.");
        }
        String name = same(uri, PRODUCTION) ? "prod" : same(uri, DEVELOPMENT) ? "dev" : CUSTOM;
        return new NarrativeEnvironment(name, uri);
    }

    /** Equal but for case in scheme and host, and a trailing slash. */
    private static boolean same(URI a, URI b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(URI u) {
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int hostEnd = s.indexOf('/', s.indexOf("://") + 3);
        return hostEnd < 0 ? s.toLowerCase(Locale.ROOT)
                : s.substring(0, hostEnd).toLowerCase(Locale.ROOT) + s.substring(hostEnd);
    }

    private static String value(Function<String, String> lookup, String name) {
        String v = lookup.apply(name);
        return v == null || v.isBlank() ? null : v;
    }
}
