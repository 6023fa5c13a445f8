package dev.keydesk.core.rotation;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Rotation with grace and the cutover's status, against the real local server. */
class RotatorTest {

    @TempDir
    static java.nio.file.Path dir;
    private static TestBackend backend;
    private static final List<Secret> secrets = new ArrayList<>();

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir.resolve("server"), 0);
    }

    @AfterAll
    static void stop() {
        secrets.forEach(Secret::wipe);
        backend.close();
    }

    private static CreatedKey create(String name, Instant expires, String... permissions) {
        CreatedKey created = backend.call(api -> api.createKey(new KeyCreateParams(name, "the nightly export", "test",
                List.of(permissions).stream().map(Permission::parse).toList(), expires)));
        secrets.add(created.secret().orElseThrow());
        return created;
    }

    private static Rotator rotator() {
        return new Rotator(backend.connection(), Clock.systemUTC());
    }

    @Test
    void aRotationMakesTheReplacementMarksTheOldKeyAndMovesItsExpiryWithTheReasonRotation() {
        ApiKey old = create("Nightly export", Instant.now().plus(60, ChronoUnit.DAYS), "datasets:read", "jobs:read").key();
        Instant before = Instant.now();

        Rotator.Rotation r = rotator().rotate(old, List.of(Permission.parse("datasets:read")), Grace.DAY);
        secrets.add(r.replacement().secret().orElseThrow());

        ApiKey replacement = backend.call(api -> api.getKey(r.replacement().key().id())).key();
        assertThat(replacement.name()).isEqualTo("Nightly export");
        assertThat(replacement.description()).isEqualTo("the nightly export");
        assertThat(replacement.type()).isEqualTo("test");
        assertThat(replacement.permissions()).containsExactly(Permission.parse("datasets:read"));
        assertThat(replacement.expiresAt()).isAfter(before.plus(Duration.ofDays(89)));

        ApiKey now = backend.call(api -> api.getKey(old.id())).key();
        assertThat(now.name()).isEqualTo("[rotating] Nightly export");
        assertThat(now.permissions()).as("the old key keeps working as it was").hasSize(2);
        assertThat(now.expiresAt()).isCloseTo(before.plus(Duration.ofHours(24)), within(2, ChronoUnit.MINUTES));
        assertThat(r.grace().result()).isEqualTo(GraceResult.Result.MOVED);
        assertThat(r.grace().endsAt()).isEqualTo(now.expiresAt());

        AuditEvent update = backend.call(api -> api.auditEvents(AuditQuery.forKey(old.id()).withTypes("key.updated")))
                .orElseThrow().data().get(0);
        assertThat(update.detail()).contains("\"reason\"").contains("rotation");

        Cutover c = r.cutover();
        assertThat(c.oldKeyId()).isEqualTo(old.id());
        assertThat(c.oldName()).isEqualTo("Nightly export");
        assertThat(c.newKeyId()).isEqualTo(replacement.id());
        assertThat(c.graceEndsAt()).isEqualTo(now.expiresAt());
        assertThat(c.baselineRequests()).isZero();
        assertThat(c.toString()).doesNotContain(r.replacement().secret().get().reveal());
    }

    @Test
    void aGraceNeverExtendsAKeyThatExpiresSooner() {
        Instant soon = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ApiKey old = create("Expires soon", soon, "datasets:read").key();

        GraceResult g = rotator().startGrace(old, Grace.WEEK);

        assertThat(g.result()).isEqualTo(GraceResult.Result.ALREADY_SOONER);
        ApiKey now = backend.call(api -> api.getKey(old.id())).key();
        assertThat(now.expiresAt()).isEqualTo(soon);
        assertThat(now.name()).isEqualTo("[rotating] Expires soon");
    }

    @Test
    void graceNowOnlyMarksTheKeyItIsRevokedOnceTheSecretIsHandedOver() {
        ApiKey old = create("Revoke me after", Instant.now().plus(30, ChronoUnit.DAYS), "datasets:read").key();

        GraceResult g = rotator().startGrace(old, Grace.NOW);
        assertThat(g.result()).isEqualTo(GraceResult.Result.REVOKE_PENDING);
        assertThat(backend.call(api -> api.getKey(old.id())).key().expiresAt()).isEqualTo(old.expiresAt());

        rotator().revokeOld(old.id());
        assertThatThrownBy(() -> backend.call(api -> api.getKey(old.id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aKeyStrongerThanTheAdminKeyIsRefusedAndLeftAsItWas() {
        CreatedKey weak = create("Weak admin", Instant.now().plus(30, ChronoUnit.DAYS),
                "access_tokens:read", "access_tokens:write", "datasets:read");
        ApiKey strong = create("Holds jobs:write", Instant.now().plus(30, ChronoUnit.DAYS), "datasets:read",
                "jobs:write").key();
        try (KeyApi weakApi = backend.client(weak.secret().orElseThrow())) {
            Connection weakConnection = backend.connectionWith(weakApi);
            GraceResult g = new Rotator(weakConnection, Clock.systemUTC()).startGrace(strong, Grace.DAY);

            assertThat(g.result()).isEqualTo(GraceResult.Result.REFUSED);
            assertThat(g.needsDecision()).isTrue();
            assertThat(g.message()).contains("holds permissions your admin key lacks").contains("Nothing was changed");
        }
        ApiKey now = backend.call(api -> api.getKey(strong.id())).key();
        assertThat(now.name()).isEqualTo("Holds jobs:write");
        assertThat(now.expiresAt()).isEqualTo(strong.expiresAt());
    }

    @Test
    void theCutoverSeesTheOldKeyUsedSinceTheRotationThenTheNewOneThenTheOldOneGone() {
        CreatedKey old = create("Busy service", Instant.now().plus(30, ChronoUnit.DAYS), "datasets:read");
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(200);

        Rotator.Rotation r = rotator().rotate(old.key(), List.of(Permission.parse("datasets:read")), Grace.DAY);
        Secret newSecret = r.replacement().secret().orElseThrow();
        secrets.add(newSecret);
        assertThat(r.cutover().baselineRequests()).as("the request before the rotation").isEqualTo(1);

        CutoverStatus quiet = backend.call(api -> CutoverStatus.check(api, r.cutover(), Instant.now()));
        assertThat(quiet.oldUsedSince()).isFalse();
        assertThat(quiet.requestsSince()).isZero();
        assertThat(quiet.newUsed()).isFalse();

        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        CutoverStatus busy = backend.call(api -> CutoverStatus.check(api, r.cutover(), Instant.now()));
        assertThat(busy.state()).isEqualTo(CutoverStatus.State.BUSY);
        assertThat(busy.oldUsedSince()).isTrue();
        assertThat(busy.requestsSince()).isEqualTo(2);
        assertThat(busy.addressesSince()).extracting(a -> a.ip()).containsExactly("127.0.0.1");
        assertThat(busy.warning()).as("the grace ends in a day").isNull();

        assertThat(backend.useKey(newSecret, "datasets", false)).isEqualTo(200);
        assertThat(backend.call(api -> CutoverStatus.check(api, r.cutover(), Instant.now())).newUsed()).isTrue();

        rotator().revokeOld(old.key().id());
        CutoverStatus gone = backend.call(api -> CutoverStatus.check(api, r.cutover(), Instant.now()));
        assertThat(gone.state()).isEqualTo(CutoverStatus.State.REVOKED);
        assertThat(gone.isDone()).isTrue();
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(401);
    }
}
