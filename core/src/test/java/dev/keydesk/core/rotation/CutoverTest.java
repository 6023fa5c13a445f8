package dev.keydesk.core.rotation;

import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cutover tracker's rules and its file, and the secrets export: without a server. */
class CutoverTest {

    private static final Instant ROTATED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private static Cutover cutover(Instant graceEnds) {
        return new Cutover("profile-1", "key_old", "Billing", "sk_live_old12345", "key_new", "Billing",
                "sk_live_new12345", ROTATED, Grace.DAY, graceEnds, LocalDate.of(2026, 12, 1), 10L, null, null);
    }

    private static ApiKey key(String id, Instant expires, Instant lastUsed) {
        return new ApiKey(id, "Billing", "sk_live_" + id, List.of(Permission.parse("datasets:read")),
                ROTATED.minus(Duration.ofDays(100)), expires, lastUsed, Usage.NONE, null, "live", "active", null, null);
    }

    private static KeyUsage usage(Instant lastUsed, long rotationDay, long nextDay, Instant addressSeen) {
        return new KeyUsage("key_old", ROTATED.minus(Duration.ofDays(90)),
                List.of(new KeyUsage.PermissionUsage(Permission.parse("datasets:read"), lastUsed, 1L, 1, 1L)),
                List.of(new KeyUsage.DailyRequests(LocalDate.of(2026, 12, 1), rotationDay),
                        new KeyUsage.DailyRequests(LocalDate.of(2026, 12, 2), nextDay)),
                List.of(new KeyUsage.AddressUsage("10.0.0.7", ROTATED.minus(Duration.ofDays(50)), addressSeen, 1L, 1, 1L),
                        new KeyUsage.AddressUsage("10.0.0.9", ROTATED.minus(Duration.ofDays(50)),
                                ROTATED.minus(Duration.ofDays(3)), 0L, 1, 1L)));
    }

    @Test
    void requestsSinceTheRotationLeaveOutTheDaysCountBeforeIt() {
        Instant end = ROTATED.plus(Duration.ofHours(24));
        Instant now = ROTATED.plus(Duration.ofHours(16));
        Instant lastUse = now.minus(Duration.ofMinutes(5));
        CutoverStatus s = CutoverStatus.of(cutover(end), key("key_old", end, lastUse), key("key_new", null, null),
                usage(lastUse, 14, 3, lastUse), now);

        assertThat(s.state()).isEqualTo(CutoverStatus.State.BUSY);
        assertThat(s.requestsSince()).as("4 more that day, 3 the next").isEqualTo(7);
        assertThat(s.addressesSince()).extracting(KeyUsage.AddressUsage::ip).containsExactly("10.0.0.7");
        assertThat(s.newUsed()).isFalse();
        assertThat(s.warning()).isNull();
    }

    @Test
    void aBusyOldKeyWithinTheLastHourOfItsGraceIsAWarning() {
        Instant end = ROTATED.plus(Duration.ofHours(24));
        Instant now = end.minus(Duration.ofMinutes(40));
        Instant lastUse = now.minus(Duration.ofMinutes(2));
        CutoverStatus s = CutoverStatus.of(cutover(end), key("key_old", end, lastUse), key("key_new", null, now),
                usage(lastUse, 14, 3, lastUse), now);

        assertThat(s.warning()).startsWith("The grace ends in 40 min and the old key is still in use");
        assertThat(s.newUsed()).isTrue();
    }

    @Test
    void aQuietOldKeyIsNoWarningAndAGraceThatEndedWhileBusySaysSo() {
        Instant end = ROTATED.plus(Duration.ofHours(24));
        Instant quietNow = end.minus(Duration.ofMinutes(30));
        Instant oldUse = quietNow.minus(Duration.ofHours(3));
        CutoverStatus quiet = CutoverStatus.of(cutover(end), key("key_old", end, oldUse), key("key_new", null, null),
                usage(oldUse, 14, 3, oldUse), quietNow);
        assertThat(quiet.state()).isEqualTo(CutoverStatus.State.QUIET);
        assertThat(quiet.warning()).isNull();

        Instant after = end.plus(Duration.ofMinutes(10));
        Instant lastUse = end.minus(Duration.ofMinutes(1));
        CutoverStatus ended = CutoverStatus.of(cutover(end), key("key_old", end, lastUse), key("key_new", null, null),
                usage(lastUse, 14, 3, lastUse), after);
        assertThat(ended.state()).isEqualTo(CutoverStatus.State.EXPIRED);
        assertThat(ended.warning()).startsWith("The grace ended while the old key was still in use");
    }

    @Test
    void anOldKeyNotUsedSinceTheRotationHasNoRequestsSince() {
        Instant end = ROTATED.plus(Duration.ofHours(24));
        Instant before = ROTATED.minus(Duration.ofMinutes(10));
        CutoverStatus s = CutoverStatus.of(cutover(end), key("key_old", end, before), null, usage(before, 10, 0, before),
                ROTATED.plus(Duration.ofHours(2)));
        assertThat(s.oldUsedSince()).isFalse();
        assertThat(s.requestsSince()).isZero();
        assertThat(s.addressesSince()).isEmpty();
        assertThat(s.state()).isEqualTo(CutoverStatus.State.QUIET);
    }

    @Test
    void theTrackerFileSurvivesARestartIsOwnerOnlyAndMovesABrokenFileAside() throws Exception {
        Path file = dir.resolve("home/rotations.json");
        CutoverStore store = new CutoverStore(file);
        store.put(cutover(ROTATED.plus(Duration.ofHours(24))));
        store.put(cutover(ROTATED.plus(Duration.ofHours(48))));
        assertThat(store.forProfile("profile-1")).hasSize(1);

        CutoverStore again = new CutoverStore(file);
        assertThat(again.forProfile("profile-1")).singleElement()
                .satisfies(c -> assertThat(c.graceEndsAt()).isEqualTo(ROTATED.plus(Duration.ofHours(48))));
        assertThat(again.forProfile("another")).isEmpty();
        assertThat(Files.getPosixFilePermissions(file))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        again.put(again.find("profile-1", "key_old").orElseThrow().closed(ROTATED, "revoked early"));
        assertThat(new CutoverStore(file).find("profile-1", "key_old").orElseThrow().isOpen()).isFalse();
        again.remove("profile-1", "key_old");
        assertThat(new CutoverStore(file).all()).isEmpty();

        Files.writeString(file, "{ not json");
        CutoverStore broken = new CutoverStore(file);
        assertThat(broken.all()).isEmpty();
        assertThat(broken.loadWarning()).contains("moved aside");
        assertThat(file.resolveSibling("rotations.json.corrupt")).exists();
    }

    @Test
    void theSecretsExportSaysWhatItHoldsAndIsOwnerOnly() throws Exception {
        Path file = dir.resolve("out/rotation-secrets.csv");
        Secret a = Secret.of("sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Secret b = Secret.of("sk_live_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
        SecretFiles.writeExport(file, "http://127.0.0.1:8787", List.of(
                new SecretFiles.Entry(key("key_a", null, null), "key_olda", a),
                new SecretFiles.Entry(key("key_b", null, null), "key_oldb", b)), ROTATED);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(SecretFiles.EXPORT_WARNING);
        assertThat(lines).contains("new_key_id,name,prefix,replaces,secret",
                "key_a,Billing,sk_live_key_a,key_olda," + a.reveal(), "key_b,Billing,sk_live_key_b,key_oldb," + b.reveal());
        assertThat(Files.getPosixFilePermissions(file))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(a.isWiped()).as("the caller still owns the secrets").isFalse();

        Path single = dir.resolve("out/new.key");
        SecretFiles.writeSecret(single, a);
        assertThat(Files.readString(single)).isEqualTo(a.reveal() + "\n");
        assertThat(Files.getPosixFilePermissions(single))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void graceFlagsAndTheMarkerRoundTrip() {
        assertThat(Grace.parse("24h")).contains(Grace.DAY);
        assertThat(Grace.parse("7D")).contains(Grace.WEEK);
        assertThat(Grace.parse("now")).contains(Grace.NOW);
        assertThat(Grace.parse("2h")).isEmpty();
        assertThat(RotationMarker.mark("Billing")).isEqualTo("[rotating] Billing");
        assertThat(RotationMarker.mark(RotationMarker.mark("Billing"))).isEqualTo("[rotating] Billing");
        assertThat(RotationMarker.unmarked("[rotating] Billing")).isEqualTo("Billing");
        String longName = "x".repeat(100);
        assertThat(RotationMarker.mark(longName)).hasSize(100).startsWith("[rotating] ").endsWith("…");
    }
}
