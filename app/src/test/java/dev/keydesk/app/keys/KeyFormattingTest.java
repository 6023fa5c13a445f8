package dev.keydesk.app.keys;

import dev.keydesk.app.common.Styles;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.keys.PermissionSummary;
import dev.keydesk.core.keys.RelativeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative times, expiry urgency and the permission summary: what the table's cells say. */
class KeyFormattingTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    @Test
    void relativeTimesReadNaturally() {
        assertThat(RelativeTime.of(NOW.minusSeconds(10), NOW)).isEqualTo("just now");
        assertThat(RelativeTime.of(NOW.minus(Duration.ofMinutes(3)), NOW)).isEqualTo("3 minutes ago");
        assertThat(RelativeTime.of(NOW.minus(Duration.ofMinutes(1)), NOW)).isEqualTo("1 minute ago");
        assertThat(RelativeTime.of(NOW.plus(Duration.ofHours(5)), NOW)).isEqualTo("in 5 hours");
        assertThat(RelativeTime.of(NOW.plus(Duration.ofDays(12)).plusSeconds(60), NOW)).isEqualTo("in 12 days");
        assertThat(RelativeTime.of(NOW.minus(Duration.ofDays(90)), NOW)).isEqualTo("3 months ago");
        assertThat(RelativeTime.of(NOW.minus(Duration.ofDays(800)), NOW)).isEqualTo("2 years ago");
    }

    @Test
    void expiryTextSaysNeverInOrExpired() {
        assertThat(RelativeTime.expiry(null, NOW)).isEqualTo("never");
        assertThat(RelativeTime.expiry(NOW.plus(Duration.ofDays(12)).plusSeconds(1), NOW)).isEqualTo("in 12 days");
        assertThat(RelativeTime.expiry(NOW.minus(Duration.ofDays(3)), NOW)).isEqualTo("expired 3 days ago");
        assertThat(RelativeTime.lastUsed(null, NOW)).isEqualTo("never");
    }

    @Test
    void urgencyHasItsBoundariesAtSevenAndThirtyDays() {
        assertThat(ExpiryUrgency.of(null, NOW)).isEqualTo(ExpiryUrgency.NONE);
        assertThat(ExpiryUrgency.of(NOW, NOW)).isEqualTo(ExpiryUrgency.EXPIRED);
        assertThat(ExpiryUrgency.of(NOW.minusSeconds(1), NOW)).isEqualTo(ExpiryUrgency.EXPIRED);
        assertThat(ExpiryUrgency.of(NOW.plus(Duration.ofDays(7)), NOW)).isEqualTo(ExpiryUrgency.DANGER);
        assertThat(ExpiryUrgency.of(NOW.plus(Duration.ofDays(7)).plusSeconds(1), NOW)).isEqualTo(ExpiryUrgency.WARNING);
        assertThat(ExpiryUrgency.of(NOW.plus(Duration.ofDays(30)), NOW)).isEqualTo(ExpiryUrgency.WARNING);
        assertThat(ExpiryUrgency.of(NOW.plus(Duration.ofDays(31)), NOW)).isEqualTo(ExpiryUrgency.NONE);
        assertThat(ExpiryUrgency.EXPIRED.styleClass()).isEqualTo("expiry-expired");
        assertThat(ExpiryUrgency.NONE.styleClass()).isNull();
    }

    @Test
    void summaryGroupsByResourceAndCountsTheRest() {
        PermissionSummary s = PermissionSummary.of(perms("datasets:write", "datasets:read", "jobs:read",
                "queries:read", "views:read", "workflows:read"));
        assertThat(s.text()).isEqualTo("datasets R·W, jobs R +3");
        assertThat(s.risk()).isEqualTo(PermissionSummary.Risk.WRITE);
    }

    @Test
    void summaryOfReadOnlyAdminAndEmpty() {
        assertThat(PermissionSummary.of(perms("queries:read")).text()).isEqualTo("queries R");
        assertThat(PermissionSummary.of(perms("queries:read")).risk()).isEqualTo(PermissionSummary.Risk.READ_ONLY);
        PermissionSummary admin = PermissionSummary.of(perms("datasets:read", "admin:*"));
        assertThat(admin.text()).isEqualTo("admin:*");
        assertThat(admin.risk()).isEqualTo(PermissionSummary.Risk.ADMIN);
        assertThat(Styles.risk(admin.risk())).isEqualTo("risk-high");
        assertThat(PermissionSummary.of(List.of()).text()).isEqualTo("none");
    }

    @Test
    void summaryKeepsUnknownPermissionStrings() {
        assertThat(PermissionSummary.of(perms("billing:export", "legacy")).text()).isEqualTo("billing export, legacy");
    }

    private static List<Permission> perms(String... values) {
        return java.util.Arrays.stream(values).map(Permission::parse).toList();
    }
}
