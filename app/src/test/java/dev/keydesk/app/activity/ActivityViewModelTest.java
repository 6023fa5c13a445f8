package dev.keydesk.app.activity;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.KeyNavigator;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Page;
import dev.keydesk.core.activity.EventCategory;
import dev.keydesk.core.activity.PollSchedule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Activity view model: paging as the list scrolls, filters, the summary, polling, opening a key. */
class ActivityViewModelTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final FakeKeys api = new FakeKeys();
    private final List<AuditEvent> log = new ArrayList<>();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final Workspaces workspaces = new Workspaces();
    private final List<Throwable> reported = new ArrayList<>();
    private RuntimeException failAudit;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private FixedSession session;
    private KeyTableViewModel table;

    private AuditEvent event(String id, Duration ago, String type, String keyId, String ip) {
        AuditEvent e = new AuditEvent(id, NOW.minus(ago), type, "key_admin", keyId, ip, "{}", "");
        log.add(e);
        return e;
    }

    /**
     * A version-1 server seen through the client: key_id, one type, since by the server (several
     * types refused with a 400 on type), address and until by the client; newest first; cursor = offset.
     */
    private Optional<Page<AuditEvent>> page(AuditQuery q) {
        if (failAudit != null) {
            RuntimeException f = failAudit;
            failAudit = null;
            throw f;
        }
        if (q.types().size() > 1) {
            throw new dev.keydesk.client.error.ValidationException("type must be one of …", 400, "malformed_request",
                    "req_1", "type", (Throwable) null);
        }
        List<AuditEvent> match = log.stream()
                .filter(e -> q.keyId() == null || q.keyId().equals(e.keyId()))
                .filter(e -> q.type() == null || q.type().equals(e.type()))
                .filter(e -> q.ip() == null || q.ip().equals(e.ip()))
                .filter(e -> q.since() == null || !e.at().isBefore(q.since()))
                .filter(e -> q.until() == null || e.at().isBefore(q.until()))
                .sorted(Comparator.comparing(AuditEvent::at).reversed()).toList();
        int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
        int end = Math.min(match.size(), start + (q.limit() == null ? 100 : q.limit()));
        boolean more = end < match.size();
        return Optional.of(new Page<>(match.subList(start, end), more, more ? Integer.toString(end) : null));
    }

    @BeforeEach
    void server() {
        api.add(FakeKeys.key("key_1", "Ingestion worker", NOW.plus(Duration.ofDays(40)), NOW, "datasets:write"));
        api.auditLog = this::page;
        session = new FixedSession(FakeKeys.connection(api, "admin:*"));
    }

    private ActivityViewModel vm(TaskRunner tasks) {
        table = new KeyTableViewModel(session, tasks, clock);
        return new ActivityViewModel(table, tasks, dialogs, clock, ZoneOffset.UTC, new KeyNavigator(table, workspaces),
                reported::add);
    }

    private ActivityViewModel vm() {
        return vm(new CurrentThreadTaskRunner());
    }

    @Test
    void nothingLoadsUntilTheViewIsSeen() {
        event("e1", Duration.ofMinutes(1), "auth.failed", null, "10.0.0.1");
        ActivityViewModel vm = vm();
        assertThat(api.auditQueries).isEmpty();
        vm.setVisible(true);
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.listMessageProperty().get()).isEqualTo("All 1 event");
    }

    @Test
    void theListLoadsAChunkAndTheNextAsItNearsItsEnd() {
        for (int i = 0; i < 450; i++) {
            event("e" + i, Duration.ofMinutes(i), "key.updated", "key_1", "127.0.0.1");
        }
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        int first = vm.rows().size();
        assertThat(first).isGreaterThanOrEqualTo(ActivityViewModel.CHUNK).isLessThan(450);
        assertThat(vm.rows().get(0).event().id()).as("newest first").isEqualTo("e0");
        assertThat(vm.rows().get(0).key()).as("named from the key list").isEqualTo("Ingestion worker");
        assertThat(vm.hasMoreProperty().get()).isTrue();
        assertThat(vm.listMessageProperty().get()).endsWith("more load as you scroll");

        vm.shown(10);
        assertThat(vm.rows()).as("far from the end: nothing more").hasSize(first);
        vm.shown(first - 5);
        assertThat(vm.rows().size()).isGreaterThan(first);
        while (vm.hasMoreProperty().get()) {
            vm.shown(vm.rows().size() - 1);
        }
        assertThat(vm.rows()).hasSize(450);
        assertThat(vm.rows()).extracting(r -> r.event().id()).doesNotHaveDuplicates();
        assertThat(vm.listMessageProperty().get()).isEqualTo("All 450 events");
    }

    @Test
    void filteringByKindKeyAddressAndTime() {
        event("f1", Duration.ofMinutes(5), "auth.failed", null, "198.51.100.250");
        event("f2", Duration.ofHours(3), "auth.failed", "key_1", "203.0.113.9");
        event("c1", Duration.ofHours(4), "key.updated", "key_1", "127.0.0.1");
        event("c2", Duration.ofDays(3), "key.created", "key_1", "127.0.0.1");
        event("r1", Duration.ofDays(2), "rate_limit.exceeded", "key_1", "203.0.113.9");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        assertThat(vm.rows()).hasSize(5);

        vm.categoryProperty(EventCategory.FAILED_AUTH).set(true);
        assertThat(ids(vm)).containsExactly("f1", "f2");
        assertThat(api.auditQueries.get(api.auditQueries.size() - 1).type()).as("one type: by the server")
                .isEqualTo("auth.failed");

        vm.ipFilterProperty().set("203.0.113.9");
        assertThat(ids(vm)).containsExactly("f2");
        assertThat(api.auditQueries.get(api.auditQueries.size() - 1).ip()).isEqualTo("203.0.113.9");
        assertThat(vm.filterNoteProperty().get()).isEmpty();

        vm.clearFilters();
        vm.categoryProperty(EventCategory.KEY_CHANGES).set(true);
        assertThat(ids(vm)).as("several types: this server refuses them, so they are picked out here")
                .containsExactly("c1", "c2");
        assertThat(vm.filterNoteProperty().get()).contains("one kind of event at a time");
        vm.rangeProperty().set(ActivityViewModel.Range.DAY);
        assertThat(ids(vm)).containsExactly("c1");

        vm.clearFilters();
        vm.eventsOf("key_1");
        assertThat(ids(vm)).containsExactly("f2", "c1", "r1", "c2");
        vm.clearFilters();
        vm.failuresFrom("198.51.100.250");
        assertThat(ids(vm)).containsExactly("f1");
        assertThat(vm.hasFilters()).isTrue();
        vm.only(EventCategory.FAILED_AUTH);
        assertThat(vm.categoryProperty(EventCategory.FAILED_AUTH).get()).as("again: every kind").isFalse();
    }

    @Test
    void theSummaryCountsTheWeekAndTheAddressesThatFailed() {
        event("f1", Duration.ofMinutes(5), "auth.failed", null, "198.51.100.250");
        event("f2", Duration.ofHours(3), "auth.failed", null, "198.51.100.250");
        event("f3", Duration.ofDays(2), "auth.failed", null, "203.0.113.9");
        event("n1", Duration.ofHours(1), "key.used_from_new_ip", "key_1", "203.0.113.7");
        event("old", Duration.ofDays(9), "auth.failed", null, "203.0.113.9");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        assertThat(vm.countText(EventCategory.FAILED_AUTH, ActivityViewModel.Window.DAY)).isEqualTo("2");
        assertThat(vm.countText(EventCategory.FAILED_AUTH, ActivityViewModel.Window.WEEK)).isEqualTo("3");
        assertThat(vm.perHour(EventCategory.FAILED_AUTH)).hasSize(24);
        vm.windowProperty().set(ActivityViewModel.Window.WEEK);
        assertThat(vm.perHour(EventCategory.FAILED_AUTH)).hasSize(168);
        assertThat(vm.topAddresses()).extracting(a -> a.ip() + "=" + a.count())
                .containsExactly("198.51.100.250=2", "203.0.113.9=1");
        assertThat(vm.rows()).filteredOn(ActivityViewModel.Row::newAddress).hasSize(1);
    }

    @Test
    void pollingAsksSinceTheNewestAddsWhatIsNewAndOnlyWhileSeen() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        int asked = api.auditQueries.size();
        event("e2", Duration.ofMinutes(1), "auth.failed", null, "10.0.0.9");
        vm.poll();
        AuditQuery poll = api.auditQueries.get(asked);
        assertThat(poll.since()).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(api.auditQueries).hasSize(asked + 1);
        assertThat(ids(vm)).containsExactly("e2", "e1");
        assertThat(vm.countText(EventCategory.FAILED_AUTH, ActivityViewModel.Window.DAY)).isEqualTo("1");
        assertThat(vm.nextPollProperty().get()).isEqualTo(PollSchedule.INTERVAL);
        assertThat(vm.pollStatusProperty().get()).startsWith("Live");

        vm.poll();
        assertThat(ids(vm)).as("nothing twice").containsExactly("e2", "e1");

        vm.setVisible(false);
        int before = api.auditQueries.size();
        vm.poll();
        assertThat(api.auditQueries).as("hidden: no request").hasSize(before);
        assertThat(vm.pollStatusProperty().get()).isEqualTo("Paused while the view is hidden");
    }

    @Test
    void aNewEventThatDoesNotMatchTheFiltersOnlyCounts() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        vm.categoryProperty(EventCategory.KEY_CHANGES).set(true);
        event("e2", Duration.ofMinutes(1), "auth.failed", null, "10.0.0.9");
        vm.poll();
        assertThat(ids(vm)).containsExactly("e1");
        assertThat(vm.countText(EventCategory.FAILED_AUTH, ActivityViewModel.Window.DAY)).isEqualTo("1");
    }

    @Test
    void pollingBacksOffOnErrorsAndWaitsOutA429() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        failAudit = new ServerException("boom", 503, "internal_error", "req_1", null, null);
        vm.poll();
        assertThat(vm.nextPollProperty().get()).isEqualTo(PollSchedule.INTERVAL.multipliedBy(2));
        assertThat(vm.pollStatusProperty().get()).contains("Next try in 40 s");
        assertThat(reported).hasSize(1);
        failAudit = new RateLimitedException("slow down", 429, "rate_limited", "req_2", null, Duration.ofMinutes(3), null);
        vm.poll();
        assertThat(vm.nextPollProperty().get()).isEqualTo(Duration.ofMinutes(3));
        vm.poll();
        assertThat(vm.nextPollProperty().get()).as("a success resets the pace").isEqualTo(PollSchedule.INTERVAL);
    }

    @Test
    void aPollIsOneRequestAtATimeInTheBackground() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        ManualTaskRunner tasks = new ManualTaskRunner();
        ActivityViewModel vm = vm(tasks);
        tasks.runAll();
        vm.setVisible(true);
        assertThat(tasks.pendingTitles()).containsExactly("Loading audit events", "Counting the week's events");
        tasks.runAll();
        vm.poll();
        vm.poll();
        assertThat(tasks.pendingTitles()).containsExactly("Checking for new events");
    }

    @Test
    void aRowOpensItsKeyInTheKeysWorkspace() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        event("f1", Duration.ofMinutes(5), "auth.failed", null, "198.51.100.250");
        event("g1", Duration.ofMinutes(3), "key.revoked", "key_gone", "127.0.0.1");
        ActivityViewModel vm = vm();
        workspaces.show(Workspaces.Workspace.ACTIVITY);
        vm.setVisible(true);
        vm.open(vm.rows().stream().filter(r -> r.event().id().equals("e1")).findFirst().orElseThrow());
        assertThat(workspaces.current()).isEqualTo(Workspaces.Workspace.KEYS);
        assertThat(table.focusedProperty().get().id()).isEqualTo("key_1");

        workspaces.show(Workspaces.Workspace.ACTIVITY);
        vm.open(vm.rows().stream().filter(r -> r.event().id().equals("g1")).findFirst().orElseThrow());
        assertThat(workspaces.current()).as("nothing to open: stays").isEqualTo(Workspaces.Workspace.ACTIVITY);
        assertThat(dialogs.infos).last().asString().contains("Key key_gone cannot be opened").contains("revoked");

        vm.open(vm.rows().stream().filter(r -> r.event().id().equals("f1")).findFirst().orElseThrow());
        assertThat(dialogs.infos).last().asString().contains("names no key").contains("198.51.100.250");
    }

    @Test
    void aServerWithoutAuditEventsSaysSo() {
        api.auditLog = q -> Optional.empty();
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        assertThat(vm.listStateProperty().get()).isEqualTo(ActivityViewModel.ListState.UNAVAILABLE);
        assertThat(vm.listMessageProperty().get()).contains("no audit log");
    }

    @Test
    void anotherConnectionStartsOver() {
        event("e1", Duration.ofMinutes(10), "key.updated", "key_1", "127.0.0.1");
        ActivityViewModel vm = vm();
        vm.setVisible(true);
        assertThat(vm.rows()).hasSize(1);
        log.clear();
        session.set(FakeKeys.connection(api, "admin:*", "datasets:read")); // another (unequal) connection
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.listMessageProperty().get()).isEqualTo("The audit log is empty");
    }

    private static List<String> ids(ActivityViewModel vm) {
        return vm.rows().stream().map(r -> r.event().id()).toList();
    }
}
