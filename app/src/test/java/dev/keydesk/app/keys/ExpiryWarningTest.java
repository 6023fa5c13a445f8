package dev.keydesk.app.keys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryWarningTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static KeyRow expiring(String id, Instant at) {
        return KeyRow.of(FakeKeys.key(id, "Key " + id, at, null, "datasets:read"), NOW);
    }

    @Test
    void countsKeysExpiringWithinAWeekAndKeysAlreadyExpired() {
        List<KeyRow> rows = List.of(
                expiring("soon", NOW.plus(Duration.ofDays(3))),
                expiring("edge", NOW.plus(Duration.ofDays(7))),
                expiring("later", NOW.plus(Duration.ofDays(8))),
                expiring("never", null),
                expiring("gone", NOW.minus(Duration.ofHours(1))),
                expiring("now", NOW));
        ExpiryWarning w = ExpiryWarning.of(rows, NOW);
        assertThat(w).isEqualTo(new ExpiryWarning(2, 2));
        assertThat(w.text()).isEqualTo("2 keys expire within 7 days · 2 keys have expired and no longer work");
    }

    @Test
    void saysOnlyWhatThereIs() {
        assertThat(new ExpiryWarning(1, 0).text()).isEqualTo("1 key expires within 7 days");
        assertThat(new ExpiryWarning(0, 1).text()).isEqualTo("1 key has expired and no longer works");
        assertThat(ExpiryWarning.of(List.of(expiring("later", NOW.plus(Duration.ofDays(30)))), NOW).isEmpty())
                .isTrue();
    }
}
