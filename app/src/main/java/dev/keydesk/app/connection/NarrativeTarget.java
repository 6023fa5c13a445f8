package dev.keydesk.app.connection;

import dev.keydesk.client.narrative.NarrativeEnvironment;
import dev.keydesk.core.connection.Environment;

import java.net.URI;
import java.util.Locale;

/**
 * Narrative's environments by name, as its tools call them ({@code NARRATIVE_ENVIRONMENT=prod|dev}),
 * or another URL. Choosing one fills in the profile's address and suggests its environment badge.
 */
public enum NarrativeTarget {
    PRODUCTION("Narrative production (api.narrative.io)", NarrativeEnvironment.PRODUCTION, Environment.PRODUCTION),
    DEVELOPMENT("Narrative development (api-dev.narrative.io)", NarrativeEnvironment.DEVELOPMENT, Environment.STAGING),
    OTHER("Another URL…", null, null);

    private final String label;
    private final URI baseUrl;
    private final Environment environment;

    NarrativeTarget(String label, URI baseUrl, Environment environment) {
        this.label = label;
        this.baseUrl = baseUrl;
        this.environment = environment;
    }

    public String label() {
        return label;
    }

    /** Null for {@link #OTHER}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The badge it suggests; null for {@link #OTHER}. */
    public Environment environment() {
        return environment;
    }

    /** Which one {@code url} is (a trailing slash and case do not matter); {@link #OTHER} for any other. */
    public static NarrativeTarget of(String url) {
        String u = url == null ? "" : url.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        for (NarrativeTarget t : values()) {
            if (t.baseUrl != null && t.baseUrl.toString().equals(u)) {
                return t;
            }
        }
        return OTHER;
    }
}
