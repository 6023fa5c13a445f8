package dev.keydesk.client.keydesk;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.Plan;
import dev.keydesk.server.ServerOptions;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against the real local server, in-process: every endpoint and every error it produces. */
class LocalServerIntegrationTest {

    static final int DEMO_KEYS = 24;

    @TempDir
    static Path dataDir;

    static LocalKeyServer server;
    static KeyApi admin;
    static final Scripted.RecordingSleeper SLEEPER = new Scripted.RecordingSleeper();

    @BeforeAll
    static void start() throws IOException {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dataDir).port(0).plan(Plan.UNLIMITED)
                .demoKeys(DEMO_KEYS).build());
        admin = client(server, bootstrapSecret(server));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Secret bootstrapSecret(LocalKeyServer s) throws IOException {
        return Secret.of(Files.readString(s.bootstrapKeyFile()).trim());
    }

    static KeyApi client(LocalKeyServer s, Secret secret) {
        return KeyApis.builder().baseUrl(s.baseUri()).secret(secret)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30),
                        SLEEPER))
                .build();
    }

    static KeyCreateParams params(String name, String... permissions) {
        return new KeyCreateParams(name, "made by a test", "test",
                List.of(permissions).stream().map(Permission::parse).toList(),
                Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    static CreatedKey create(String name, String... permissions) {
        CreatedKey k = admin.createKey(params(name, permissions));
        assertThat(k.secret()).isPresent();
        return k;
    }

    static <T extends KeyApiException> T fails(Class<T> type, String code, Executable call) {
        T e = catchThrowableOfType(type, () -> {
            try {
                call.execute();
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        });
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        if (code != null) {
            assertThat(e.code()).contains(code);
        }
        assertThat(e.requestId()).isPresent().get().asString().startsWith("req_");
        assertThat(e.getMessage()).isNotBlank();
        return e;
    }

    // ---- every endpoint ----

    @Test
    void infoEndpoints() {
        WhoAmI me = admin.whoami().orElseThrow();
        assertThat(me.permissions()).contains(Permission.ADMIN_ALL);
        assertThat(me.key().prefix()).startsWith("sk_");

        Catalog catalog = admin.catalog();
        assertThat(catalog.resource("datasets")).isPresent();
        assertThat(catalog.supports(Permission.parse("encryption_materials:read"))).isTrue();
        assertThat(catalog.supports(Permission.parse("encryption_materials:write"))).isFalse();
        assertThat(catalog.presets()).extracting(p -> p.id()).contains("analytics", "ingestion");

        KeyPolicy policy = admin.policy();
        assertThat(policy.maxLifetimeDays()).isEqualTo(365);
        assertThat(policy.expirationRequired()).isTrue();
        assertThat(policy.keyTypes()).contains("live", "test");

        RateLimitStatus rl = admin.rateLimit();
        assertThat(rl.limit()).isPositive();
        assertThat(admin.lastRateLimit()).isPresent();
    }

    @Test
    void createGetUpdateRevokeCycle() {
        CreatedKey created = create("Cycle", "datasets:read", "datasets:write");
        ApiKey key = created.key();
        assertThat(key.id()).isNotBlank();
        assertThat(key.name()).isEqualTo("Cycle");
        assertThat(key.type()).isEqualTo("test");
        assertThat(key.status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(key.permissions()).extracting(Permission::value).containsExactlyInAnyOrder("datasets:read", "datasets:write");
        assertThat(created.secret().get().reveal()).startsWith("sk_test_").startsWith(key.prefix());

        VersionedKey got = admin.getKey(key.id());
        assertThat(got.etag()).isNotBlank();
        assertThat(got.key().name()).isEqualTo("Cycle");

        VersionedKey renamed = admin.updateKey(key.id(), KeyUpdateParams.builder().name("Cycle 2").description("new").build(),
                got.etag());
        assertThat(renamed.key().name()).isEqualTo("Cycle 2");
        assertThat(renamed.key().description()).isEqualTo("new");
        assertThat(renamed.etag()).isNotEqualTo(got.etag());

        assertThat(admin.listAllKeys(n -> { })).extracting(ApiKey::id).contains(key.id());

        admin.revokeKey(key.id());
        fails(NotFoundException.class, "key_not_found", () -> admin.getKey(key.id()));
        fails(NotFoundException.class, "key_not_found", () -> admin.revokeKey(key.id()));
        assertThat(admin.listAllKeys(null)).extracting(ApiKey::id).doesNotContain(key.id());
        try (KeyApi revoked = client(server, created.secret().get())) {
            fails(UnauthorizedException.class, "unauthorized", revoked::whoami);
        }
    }

    @Test
    void newKeyCanActWithinItsPermissions() {
        CreatedKey reader = create("Reader", "access_tokens:read");
        try (KeyApi api = client(server, reader.secret().get())) {
            assertThat(api.whoami().orElseThrow().key().id()).isEqualTo(reader.key().id());
            assertThat(api.listKeys(KeyListParams.firstPage(5)).data()).isNotEmpty();
            assertThat(api.auditEvents(AuditQuery.forKey(reader.key().id()))).isPresent();
        }
    }

    @Test
    void updateCanDisableAndEnableAndChangeExpiryAndPermissions() {
        CreatedKey k = create("Toggle", "datasets:read");
        String id = k.key().id();
        assertThat(admin.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.DISABLED).build(), null).key().status())
                .isEqualTo(KeyStatus.DISABLED);
        try (KeyApi disabled = client(server, k.secret().get())) {
            fails(UnauthorizedException.class, "unauthorized", disabled::whoami);
            assertThat(admin.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.ACTIVE).build(), null).key().status())
                    .isEqualTo(KeyStatus.ACTIVE);
            assertThat(disabled.whoami()).isPresent();
        }
        Instant later = Instant.now().plus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ApiKey updated = admin.updateKey(id, KeyUpdateParams.builder().expiresAt(later)
                .permissions(List.of(Permission.parse("datasets:write"))).build(), null).key();
        assertThat(updated.expiresAt()).isEqualTo(later);
        assertThat(updated.permissions()).containsExactly(Permission.parse("datasets:write"));
    }

    @Test
    void listPagesThroughMoreThanOnePage() {
        Set<String> seen = new HashSet<>();
        KeyListParams p = KeyListParams.firstPage(7);
        int pages = 0;
        while (true) {
            Page<ApiKey> page = admin.listKeys(p);
            pages++;
            assertThat(page.data().size()).isLessThanOrEqualTo(7);
            page.data().forEach(k -> assertThat(seen.add(k.id())).as("no key twice").isTrue());
            if (!page.hasMore()) {
                break;
            }
            p = p.next(page.nextCursor());
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(seen.size()).isGreaterThanOrEqualTo(DEMO_KEYS);
        List<Integer> progress = new ArrayList<>();
        List<ApiKey> all = admin.listAllKeys(progress::add);
        assertThat(all.stream().map(ApiKey::id).toList()).containsAll(seen);
        assertThat(progress).isNotEmpty();
    }

    @Test
    void auditEventsFilteredByKeyAndType() {
        CreatedKey k = create("Audited", "datasets:read");
        String id = k.key().id();
        admin.updateKey(id, KeyUpdateParams.builder().name("Audited 2").build(), null);
        admin.revokeKey(id);
        Page<AuditEvent> events = admin.auditEvents(AuditQuery.forKey(id)).orElseThrow();
        assertThat(events.data()).isNotEmpty().allSatisfy(e -> assertThat(e.keyId()).isEqualTo(id));
        assertThat(events.data()).extracting(AuditEvent::type).contains("key.created", "key.updated", "key.revoked");
        // Newest first.
        assertThat(events.data().get(0).type()).isEqualTo("key.revoked");
        Page<AuditEvent> created = admin.auditEvents(new AuditQuery(id, "key.created", null, 10, null)).orElseThrow();
        assertThat(created.data()).extracting(AuditEvent::type).containsOnly("key.created");
        String secret = k.secret().get().reveal();
        assertThat(events.data()).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain(secret));
    }

    @Test
    void resourceEndpointsMoveLastUsedAndUsage() throws Exception {
        CreatedKey k = create("User of datasets", "datasets:read");
        assertThat(k.key().lastUsed()).isNull();
        OkHttpClient raw = new OkHttpClient();
        try (Response r = raw.newCall(new Request.Builder().url(server.baseUri() + "/v1/datasets")
                .header("Authorization", "Bearer " + k.secret().get().reveal()).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = raw.newCall(new Request.Builder().url(server.baseUri() + "/v1/jobs")
                .header("Authorization", "Bearer " + k.secret().get().reveal()).build()).execute()) {
            assertThat(r.code()).isEqualTo(403);
        }
        raw.dispatcher().executorService().shutdown();
        ApiKey after = admin.getKey(k.key().id()).key();
        assertThat(after.lastUsed()).isNotNull();
        assertThat(after.usage().requestsToday()).isGreaterThanOrEqualTo(1);
        assertThat(after.usage().requestsThisMonth()).isGreaterThanOrEqualTo(1);
        assertThat(after.lastUsedIp()).isNotBlank();
    }

    // ---- every error the contract names ----

    @Test
    void unknownAndMalformedSecretsAre401() {
        for (String s : List.of("sk_live_" + "A".repeat(40), "not-a-key-at-all")) {
            try (KeyApi api = client(server, Secret.of(s))) {
                UnauthorizedException e = fails(UnauthorizedException.class, "unauthorized", () -> api.listAllKeys(null));
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).doesNotContain(s);
            }
        }
    }

    @Test
    void missingPermissionIs403WithTheRequiredPermission() {
        CreatedKey reader = create("Read only", "access_tokens:read");
        try (KeyApi api = client(server, reader.secret().get())) {
            PermissionDeniedException e = fails(PermissionDeniedException.class, "insufficient_permission",
                    () -> api.createKey(params("Nope", "access_tokens:read")));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.requiredPermission()).contains("access_tokens:write");
            assertThat(e.isEscalation()).isFalse();
            fails(PermissionDeniedException.class, "insufficient_permission", () -> api.revokeKey(reader.key().id()));
        }
    }

    @Test
    void escalationIsRefusedOnCreateAndUpdate() {
        CreatedKey manager = create("Manager", "access_tokens:read", "access_tokens:write", "datasets:read");
        try (KeyApi api = client(server, manager.secret().get())) {
            PermissionDeniedException e = fails(PermissionDeniedException.class, "permission_escalation",
                    () -> api.createKey(params("Too strong", "datasets:write")));
            assertThat(e.isEscalation()).isTrue();
            CreatedKey mine = api.createKey(params("Fine", "datasets:read"));
            assertThat(mine.secret()).isPresent();
            PermissionDeniedException u = fails(PermissionDeniedException.class, "permission_escalation",
                    () -> api.updateKey(mine.key().id(), KeyUpdateParams.builder()
                            .permissions(List.of(Permission.ADMIN_ALL)).build(), null));
            assertThat(u.isEscalation()).isTrue();
        }
    }

    @Test
    void unknownKeyIs404() {
        fails(NotFoundException.class, "key_not_found", () -> admin.getKey("key_doesNotExist"));
        fails(NotFoundException.class, "key_not_found", () -> admin.revokeKey("key_doesNotExist"));
        fails(NotFoundException.class, "key_not_found",
                () -> admin.updateKey("key_doesNotExist", KeyUpdateParams.builder().name("x").build(), null));
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        CreatedKey k = create("Concurrent", "datasets:read");
        VersionedKey v1 = admin.getKey(k.key().id());
        admin.updateKey(k.key().id(), KeyUpdateParams.builder().name("Someone else").build(), v1.etag());
        PreconditionFailedException e = fails(PreconditionFailedException.class, "precondition_failed",
                () -> admin.updateKey(k.key().id(), KeyUpdateParams.builder().name("Mine").build(), v1.etag()));
        assertThat(e.status()).isEqualTo(412);
        assertThat(admin.getKey(k.key().id()).key().name()).isEqualTo("Someone else");
    }

    @Test
    void validationErrorsAre422WithParam() {
        ValidationException name = fails(ValidationException.class, "invalid_name",
                () -> admin.createKey(params("x".repeat(101), "datasets:read")));
        assertThat(name.param()).contains("name");
        fails(ValidationException.class, "invalid_name", () -> admin.createKey(params("bad\u0007name", "datasets:read")));
        fails(ValidationException.class, "invalid_name", () -> admin.createKey(params("", "datasets:read")));

        ValidationException perms = fails(ValidationException.class, "invalid_permissions",
                () -> admin.createKey(params("No perms")));
        assertThat(perms.param()).contains("permissions");
        fails(ValidationException.class, "invalid_permissions", () -> admin.createKey(params("Odd", "nonsense:perm")));

        ValidationException never = fails(ValidationException.class, "invalid_expiration",
                () -> admin.createKey(new KeyCreateParams("Never", null, null, List.of(Permission.parse("datasets:read")), null)));
        assertThat(never.param()).contains("expires_at");
        fails(ValidationException.class, "invalid_expiration", () -> admin.createKey(new KeyCreateParams("Past", null,
                null, List.of(Permission.parse("datasets:read")), Instant.now().minus(1, ChronoUnit.DAYS))));
        fails(ValidationException.class, "invalid_expiration", () -> admin.createKey(new KeyCreateParams("Too far",
                null, null, List.of(Permission.parse("datasets:read")), Instant.now().plus(400, ChronoUnit.DAYS))));

        CreatedKey k = create("Empty patch", "datasets:read");
        fails(ValidationException.class, "validation_failed",
                () -> admin.updateKey(k.key().id(), KeyUpdateParams.builder().build(), null));
        fails(ValidationException.class, "invalid_expiration",
                () -> admin.updateKey(k.key().id(), KeyUpdateParams.builder().neverExpires().build(), null));
    }

    @Test
    void idempotentReplayAndReuse() {
        String idem = UUID.randomUUID().toString();
        KeyCreateParams p = params("Once", "datasets:read");
        CreatedKey first = ((KeydeskKeyApi) admin).createKey(p, idem);
        assertThat(first.replayed()).isFalse();
        assertThat(first.secret()).isPresent();
        CreatedKey replay = ((KeydeskKeyApi) admin).createKey(p, idem);
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.secret()).isEmpty();
        assertThat(replay.key().id()).isEqualTo(first.key().id());
        fails(ValidationException.class, "idempotency_key_reused", () -> ((KeydeskKeyApi) admin).createKey(params("Other", "datasets:read"), idem));
        // The orphan of a replay can be revoked.
        admin.revokeKey(replay.key().id());
    }

    // ---- what this client added for issues 7-11, against the real server ----

    @Test
    void capabilitiesAgreeWithWhatTheCallsDo() {
        // Written to hold for the server as it is (version 1) and as it will be (1.1): whatever the
        // probe says, the call must then do.
        dev.keydesk.client.Capabilities caps = admin.capabilities();
        assertThat(caps.dialect()).isEqualTo(dev.keydesk.client.Dialect.KEYDESK);
        assertThat(caps.has(dev.keydesk.client.Capability.AUDIT_LOG)).isTrue();
        assertThat(caps.has(dev.keydesk.client.Capability.WHOAMI_NAMES_KEY)).isTrue();
        assertThat(caps.has(dev.keydesk.client.Capability.FREEZE)).isTrue();
        assertThat(caps.whyNot(dev.keydesk.client.Capability.NEVER_EXPIRES)).isPresent();
        caps.absent().values().forEach(reason -> assertThat(reason).isNotBlank());
        CreatedKey k = create("Capabilities", "datasets:read");

        if (caps.has(dev.keydesk.client.Capability.USAGE)) {
            assertThat(admin.usage(k.key().id()).keyId()).isEqualTo(k.key().id());
        } else {
            assertThat(catchThrowableOfType(dev.keydesk.client.error.FeatureUnavailableException.class,
                    () -> admin.usage(k.key().id())).capability()).isEqualTo(dev.keydesk.client.Capability.USAGE);
        }
        if (caps.has(dev.keydesk.client.Capability.IDENTIFY)) {
            assertThat(admin.identify(k.secret().get())).get().extracting(ApiKey::id).isEqualTo(k.key().id());
        } else {
            assertThat(catchThrowableOfType(dev.keydesk.client.error.FeatureUnavailableException.class,
                    () -> admin.identify(k.secret().get())).capability()).isEqualTo(dev.keydesk.client.Capability.IDENTIFY);
        }
        admin.revokeKey(k.key().id(), dev.keydesk.client.ChangeOptions.reason("capability test"));
        if (caps.has(dev.keydesk.client.Capability.REVOKED_LIST)) {
            assertThat(admin.listAllKeys(KeyStatus.REVOKED, null)).extracting(ApiKey::id).contains(k.key().id());
        } else {
            assertThat(catchThrowableOfType(dev.keydesk.client.error.FeatureUnavailableException.class,
                    () -> admin.listAllKeys(KeyStatus.REVOKED, null)).capability())
                    .isEqualTo(dev.keydesk.client.Capability.REVOKED_LIST);
        }
        assertThat(k.secret().get().isWiped()).as("identify leaves the caller's secret alone").isFalse();
    }

    @Test
    void freezeAndThawAreStatusUpdatesAndCarryAReasonThatNeverStopsThem() {
        CreatedKey k = create("Freeze me", "datasets:read");
        String id = k.key().id();
        VersionedKey frozen = admin.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.DISABLED).build(),
                admin.getKey(id).etag(), dev.keydesk.client.ChangeOptions.reason("INC-42: leaked in a build log"));
        assertThat(frozen.key().status()).isEqualTo(KeyStatus.DISABLED);
        VersionedKey thawed = admin.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.ACTIVE).build(),
                frozen.etag(), dev.keydesk.client.ChangeOptions.reason("INC-42: false alarm"));
        assertThat(thawed.key().status()).isEqualTo(KeyStatus.ACTIVE);
        List<AuditEvent> events = admin.auditEvents(AuditQuery.forKey(id).withTypes("key.disabled"))
                .orElseThrow().data();
        assertThat(events).extracting(AuditEvent::type).containsOnly("key.disabled").isNotEmpty();
        admin.revokeKey(id, dev.keydesk.client.ChangeOptions.reason("INC-42: closed"));
        fails(NotFoundException.class, "key_not_found", () -> admin.getKey(id));
    }

    @Test
    void auditFiltersTheServerDoesNotKnowYetAreAppliedByTheClient() {
        CreatedKey k = create("Audited", "datasets:read");
        admin.updateKey(k.key().id(), KeyUpdateParams.builder().name("Audited 2").build(), null);
        AuditQuery forKey = AuditQuery.forKey(k.key().id());
        List<AuditEvent> all = admin.auditEvents(forKey).orElseThrow().data();
        assertThat(all).extracting(AuditEvent::type).contains("key.created", "key.updated");
        String ip = all.get(0).ip();
        assertThat(admin.auditEvents(forKey.withIp(ip)).orElseThrow().data()).hasSameSizeAs(all);
        assertThat(admin.auditEvents(forKey.withIp("203.0.113.250")).orElseThrow().data()).isEmpty();
        assertThat(admin.auditEvents(forKey.withUntil(Instant.parse("2000-01-01T00:00:00Z"))).orElseThrow().data())
                .isEmpty();
        assertThat(admin.auditEvents(forKey.withTypes("key.updated")).orElseThrow().data())
                .extracting(AuditEvent::type).containsOnly("key.updated");
    }

    @Test
    void validationErrorsOfTheRealServerNameNeutralFields() {
        assertThat(fails(ValidationException.class, "invalid_name",
                () -> admin.createKey(params("x".repeat(101), "datasets:read"))).field())
                .isEqualTo(dev.keydesk.client.model.KeyField.NAME);
        assertThat(fails(ValidationException.class, "invalid_permissions", () -> admin.createKey(params("No perms")))
                .field()).isEqualTo(dev.keydesk.client.model.KeyField.PERMISSIONS);
        assertThat(fails(ValidationException.class, "invalid_expiration", () -> admin.createKey(
                new KeyCreateParams("Never", null, null, List.of(Permission.parse("datasets:read")), null))).field())
                .isEqualTo(dev.keydesk.client.model.KeyField.EXPIRY);
    }

    @Test
    void theDialectProbeRecognisesTheRealServerAndARefusedKey() {
        dev.keydesk.client.DialectProbe ok = KeyApis.probeDialect(server.baseUri(), bootstrapSecretUnchecked());
        assertThat(ok.dialect()).contains(dev.keydesk.client.Dialect.KEYDESK);
        assertThat(ok.keyAccepted()).isTrue();
        dev.keydesk.client.DialectProbe refused = KeyApis.probeDialect(server.baseUri(),
                Secret.of("sk_live_notAKeyOfThisServer0000000000"));
        assertThat(refused.dialect()).contains(dev.keydesk.client.Dialect.KEYDESK);
        assertThat(refused.keyAccepted()).isFalse();
    }

    private static Secret bootstrapSecretUnchecked() {
        try {
            return bootstrapSecret(server);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- servers of their own ----

    @Test
    void rateLimitIs429WithRetryAfter(@TempDir Path dir) throws IOException {
        try (LocalKeyServer limited = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0)
                .rateLimits(3, 100).build())) {
            Scripted.RecordingSleeper sleeper = new Scripted.RecordingSleeper();
            try (KeyApi api = KeyApis.builder().baseUrl(limited.baseUri()).secret(bootstrapSecret(limited))
                    .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO, sleeper))
                    .build()) {
                List<RateLimitStatus> seen = new ArrayList<>();
                api.addRateLimitListener(seen::add);
                api.whoami();
                api.whoami();
                api.whoami();
                RateLimitedException e = fails(RateLimitedException.class, "rate_limited", api::whoami);
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).isPresent();
                assertThat(e.retryAfter().get()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
                assertThat(sleeper.waits).as("a Retry-After over maxRetryAfter is not waited").isEmpty();
                assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
                assertThat(api.lastRateLimit()).isPresent();
            }
        }
    }

    @Test
    void aRateLimitedCallTellsTheRetryListenersBeforeWaitingOutRetryAfter(@TempDir Path dir) throws IOException {
        // One request a minute, one second before the minute turns: the second call meets a real
        // 429 with Retry-After: 1. The client's "sleep" moves the server's clock instead of waiting.
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(59));
        List<String> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetryPolicy.Sleeper sleeper = d -> {
            timeline.add("wait " + d.toMillis() + " ms");
            clock.advance(d);
        };
        Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener(timeline);
        try (LocalKeyServer limited = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0)
                .rateLimits(1, 100).clock(clock).build())) {
            Secret secret = bootstrapSecret(limited);
            try (KeyApi api = KeyApis.builder().baseUrl(limited.baseUri()).secret(secret).clock(clock)
                    .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30),
                            sleeper))
                    .build()) {
                api.addRateLimitListener(status -> timeline.add("answer"));
                api.whoami(); // the minute's one request
                api.addRetryListener(retries);
                timeline.clear();
                Instant calledAt = clock.instant();

                assertThat(api.whoami()).isPresent();

                assertThat(timeline).containsExactly("answer", "retry scheduled", "wait 1000 ms", "answer",
                        "retries ended");
                RetryScheduled retry = retries.scheduled.get(0);
                assertThat(retry.reason()).isEqualTo(RetryScheduled.Reason.RATE_LIMITED);
                assertThat(retry.status()).isEqualTo(429);
                assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(retry.retryAt()).isEqualTo(calledAt.plusSeconds(1));
                assertThat(retry.nextAttempt()).isEqualTo(2);
                assertThat(retry.maxAttempts()).isEqualTo(3);
                assertThat(retries.ended).containsExactly(retry);
                // What a listener is given holds nothing of the request, let alone the key.
                assertThat(RetryScheduled.class.getRecordComponents())
                        .allSatisfy(c -> assertThat(c.getType()).isNotIn(String.class, Secret.class, Object.class));
                assertThat(retry.toString()).doesNotContain(secret.reveal()).doesNotContain(secret.reveal().substring(8));
            }
        }
    }

    @Test
    void keysSurviveARestartAndRevokedStaysRevoked(@TempDir Path dir) throws IOException {
        Secret adminSecret;
        String keptId;
        Secret kept;
        Secret gone;
        String goneId;
        try (LocalKeyServer first = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0).build())) {
            adminSecret = bootstrapSecret(first);
            try (KeyApi api = client(first, adminSecret)) {
                CreatedKey a = api.createKey(params("Kept", "datasets:read"));
                CreatedKey b = api.createKey(params("Gone", "datasets:read"));
                api.revokeKey(b.key().id());
                keptId = a.key().id();
                kept = a.secret().get();
                gone = b.secret().get();
                goneId = b.key().id();
            }
        }
        try (LocalKeyServer second = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0).build());
             KeyApi api = client(second, adminSecret);
             KeyApi keptApi = client(second, kept);
             KeyApi goneApi = client(second, gone)) {
            assertThat(api.getKey(keptId).key().name()).isEqualTo("Kept");
            assertThat(keptApi.whoami().orElseThrow().key().id()).isEqualTo(keptId);
            fails(UnauthorizedException.class, "unauthorized", goneApi::whoami);
            fails(NotFoundException.class, "key_not_found", () -> api.getKey(goneId));
        }
    }

    @Test
    void aNoRetryViewHandsARealRateLimitOverAtOnce(@TempDir Path dir) throws IOException {
        try (LocalKeyServer limited = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0)
                .rateLimits(2, 100).build());
             KeyApi api = client(limited, bootstrapSecret(limited))) {
            KeyApi once = api.withRetryPolicy(RetryPolicy.none());
            Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
            api.addRetryListener(retries);
            int before = SLEEPER.waits.size();
            once.whoami();
            once.whoami();
            RateLimitedException e = fails(RateLimitedException.class, "rate_limited", once::whoami);
            assertThat(e.retryAfter()).isPresent();
            assertThat(SLEEPER.waits).hasSize(before);
            assertThat(retries.timeline).isEmpty();
            assertThat(api.lastRateLimit()).isPresent();
        }
    }

    @Test
    void tooManyFailedAuthenticationsFromOneAddressAre429(@TempDir Path dir) {
        // The limit counts per clock minute: a fixed clock keeps the four calls in one minute (on the
        // real clock the test failed whenever they straddled a minute boundary).
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5));
        try (LocalKeyServer s = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0).clock(clock)
                .failedAuthPerMinute(3).build());
             KeyApi wrong = KeyApis.builder().baseUrl(s.baseUri()).secret(Secret.of("sk_live_wrongwrongwrong"))
                     .retryPolicy(RetryPolicy.none()).build()) {
            for (int i = 0; i < 3; i++) {
                fails(UnauthorizedException.class, "unauthorized", wrong::whoami);
            }
            RateLimitedException e = fails(RateLimitedException.class, "rate_limited", wrong::whoami);
            assertThat(e.retryAfter()).isPresent();
        }
    }

    @Test
    void expiredKeyIs401(@TempDir Path dir) throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        try (LocalKeyServer s = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0).clock(clock).build());
             KeyApi api = client(s, bootstrapSecret(s))) {
            CreatedKey k = api.createKey(new KeyCreateParams("Short", null, null, List.of(Permission.parse("datasets:read")),
                    clock.instant().plus(1, ChronoUnit.DAYS)));
            try (KeyApi shortLived = client(s, k.secret().get())) {
                assertThat(shortLived.whoami()).isPresent();
                clock.advance(Duration.ofDays(2));
                fails(UnauthorizedException.class, "unauthorized", shortLived::whoami);
                assertThat(api.getKey(k.key().id()).key().status()).isEqualTo(KeyStatus.EXPIRED);
            }
        }
    }

    @Test
    void theSecretOfACreatedKeyIsNowhereInTheDataDirOrTheLogsAfterACycle(@TempDir Path dir) throws IOException {
        String secret;
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> console = root.getAppender("CONSOLE");
        ch.qos.logback.classic.Level level = root.getLevel();
        root.detachAppender("CONSOLE");
        root.addAppender(logs);
        // Every KeyDesk logger at its most talkative, libraries at INFO. (Jetty's own DEBUG log prints
        // request headers, Authorization included: a server's logging config must keep it above DEBUG.)
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.keydesk");
        ours.setLevel(ch.qos.logback.classic.Level.TRACE);
        try (LocalKeyServer s = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0).build());
             KeyApi api = client(s, bootstrapSecret(s))) {
            CreatedKey k = api.createKey(params("Secret keeper", "datasets:read"));
            secret = k.secret().get().reveal();
            try (KeyApi used = client(s, k.secret().get())) {
                used.whoami();
            }
            api.revokeKey(k.key().id());
        } finally {
            ours.setLevel(null);
            root.setLevel(level);
            root.detachAppender(logs);
            if (console != null) {
                root.addAppender(console);
            }
        }
        assertThat(logs.list).as("server and client logged at all").hasSizeGreaterThan(5);
        for (ch.qos.logback.classic.spi.ILoggingEvent e : logs.list) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(8));
        }
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = secret.substring(8).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            assertThat(indexOf(content, needle)).as("secret in %s", f).isEqualTo(-1);
            assertThat(indexOf(content, tail)).as("secret body in %s", f).isEqualTo(-1);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends java.time.Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
