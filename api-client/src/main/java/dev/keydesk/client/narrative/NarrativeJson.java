package dev.keydesk.client.narrative;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Narrative's JSON: snake_case, unknown fields ignored. Times are read as text by
 * {@link NarrativeTime}, because they come with microseconds or as a bare date.
 */
final class NarrativeJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private NarrativeJson() {
    }
}
