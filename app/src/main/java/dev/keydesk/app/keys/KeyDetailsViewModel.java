package dev.keydesk.app.keys;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.keys.RelativeTime;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The details pane of the selected key: its fields, its permissions as a read-only matrix against
 * the connected server's catalog, and its audit events (loaded in the background).
 */
public final class KeyDetailsViewModel {

    /** One labelled value. */
    public record Field(String label, String value) {
    }

    /** A matrix cell: granted, not granted, or not an access level the resource supports. */
    public enum Cell { GRANTED, NOT_GRANTED, UNSUPPORTED }

    /** One resource's row; {@code cells} follow {@link Matrix#accessLevels()}. */
    public record MatrixRow(String resource, String label, List<Cell> cells, boolean risky) {
    }

    public record MatrixCategory(String name, List<MatrixRow> rows) {
    }

    /**
     * The key's permissions over the catalog.
     *
     * @param unknown permission strings the catalog does not know (kept and shown, never dropped)
     */
    public record Matrix(List<String> accessLevels, List<MatrixCategory> categories, List<String> unknown,
                         boolean admin) {
        public static final Matrix EMPTY = new Matrix(List.of(), List.of(), List.of(), false);
    }

    /** Where the audit list is. */
    public enum AuditState { NONE, LOADING, LOADED, UNAVAILABLE, ERROR }

    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.getDefault());

    private final Session session;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ZoneId zone;

    private final ReadOnlyObjectWrapper<ApiKey> key = new ReadOnlyObjectWrapper<>(this, "key");
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    // One read-only wrapper each, kept here: a wrapper listens to its list weakly, so a fresh one
    // per call could be collected together with the listeners a view added to it.
    private final ObservableList<Field> fieldsReadOnly = FXCollections.unmodifiableObservableList(fields);
    private final ReadOnlyObjectWrapper<Matrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix", Matrix.EMPTY);
    private final ObservableList<AuditEvent> auditEvents = FXCollections.observableArrayList();
    private final ObservableList<AuditEvent> auditEventsReadOnly = FXCollections.unmodifiableObservableList(auditEvents);
    private final ReadOnlyObjectWrapper<AuditState> auditState = new ReadOnlyObjectWrapper<>(this, "auditState",
            AuditState.NONE);
    private final ReadOnlyStringWrapper auditMessage = new ReadOnlyStringWrapper(this, "auditMessage", "");
    private TaskHandle auditLoad;
    private Object auditToken;

    public KeyDetailsViewModel(Session session, TaskRunner tasks, Clock clock, ZoneId zone) {
        this.session = session;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
    }

    /** Shows {@code row} (or nothing for null) and loads its audit events. */
    public void show(KeyRow row) {
        if (auditLoad != null) {
            auditLoad.cancel();
            auditLoad = null;
        }
        auditToken = null;
        auditEvents.clear();
        Optional<Connection> connection = session.current();
        if (row == null || connection.isEmpty()) {
            key.set(null);
            fields.clear();
            matrix.set(Matrix.EMPTY);
            auditState.set(AuditState.NONE);
            auditMessage.set("");
            return;
        }
        ApiKey k = row.key();
        key.set(k);
        Capabilities capabilities = connection.get().capabilities();
        List<Field> shown = fieldsOf(k, row.status(), capabilities, clock.instant());
        if (row.revokedAt() != null || !row.revokedBy().isEmpty()) {
            shown.add(new Field("Revoked", row.revokedAt() == null ? "—" : exact(row.revokedAt(), clock.instant())));
            shown.add(new Field("Revoked by", row.revokedBy().isEmpty() ? "—" : row.revokedBy()));
        }
        fields.setAll(shown);
        matrix.set(matrixOf(k.permissions(), connection.get().catalog()));
        Optional<String> noAudit = capabilities.whyNot(Capability.AUDIT_LOG);
        if (noAudit.isPresent()) {
            // Said, not asked: the dialect knows beforehand that there is nothing to load.
            auditState.set(AuditState.UNAVAILABLE);
            auditMessage.set(noAudit.get());
            return;
        }
        loadAudit(connection.get().api(), k.id());
    }

    private void loadAudit(KeyApi api, String keyId) {
        Object token = new Object();
        auditToken = token;
        auditState.set(AuditState.LOADING);
        auditMessage.set("Loading audit events…");
        TaskHandle handle = tasks.submit(BackgroundTask.<Optional<Page<AuditEvent>>>of("Loading audit events",
                p -> api.auditEvents(AuditQuery.forKey(keyId)))
                .onSuccess(page -> {
                    if (auditToken != token) {
                        return;
                    }
                    auditLoad = null;
                    if (page.isEmpty()) {
                        auditState.set(AuditState.UNAVAILABLE);
                        auditMessage.set("Audit events are not available on this server.");
                    } else {
                        auditEvents.setAll(page.get().data());
                        auditState.set(AuditState.LOADED);
                        auditMessage.set(page.get().data().isEmpty() ? "No audit events for this key."
                                : page.get().hasMore() ? "The newest " + page.get().data().size() + " events." : "");
                    }
                })
                .onFailure(error -> {
                    if (auditToken != token) {
                        return;
                    }
                    auditLoad = null;
                    auditState.set(AuditState.ERROR);
                    auditMessage.set(ErrorMessages.describe(error, "load the audit events").whatHappened());
                }));
        if (!handle.isDone()) {
            auditLoad = handle;
        }
    }

    List<Field> fieldsOf(ApiKey k, Instant now) {
        return fieldsOf(k, k.status(), Capabilities.of(dev.keydesk.client.Dialect.KEYDESK, java.util.Map.of()), now);
    }

    /**
     * The key's fields, only those the server sends: a Narrative token has no description, prefix,
     * type, creation or use data, and "never used" would be a claim nobody made.
     *
     * @param status the status to show (the server's, or the one the expiry implies)
     */
    List<Field> fieldsOf(ApiKey k, String status, Capabilities capabilities, Instant now) {
        List<Field> list = new ArrayList<>();
        list.add(new Field("Name", nz(k.name())));
        if (capabilities.has(Capability.DESCRIPTIONS)) {
            list.add(new Field("Description", k.description() == null || k.description().isBlank() ? "—"
                    : k.description()));
        }
        list.add(new Field("ID", k.id()));
        if (capabilities.has(Capability.PREFIXES)) {
            list.add(new Field("Prefix", nz(k.prefix())));
        }
        if (capabilities.has(Capability.KEY_TYPES)) {
            list.add(new Field("Type", nz(k.type())));
        }
        list.add(new Field("Status", nz(status)));
        if (capabilities.has(Capability.CREATED_AT)) {
            list.add(new Field("Created", exact(k.createdAt(), now)));
        }
        if (k.createdBy() != null) {
            list.add(new Field("Created by", k.createdBy()));
        }
        list.add(new Field("Expires", k.expiresAt() == null ? "never" : exact(k.expiresAt(), now)));
        if (capabilities.has(Capability.LAST_USED)) {
            list.add(new Field("Last used", k.lastUsed() == null ? "never" : exact(k.lastUsed(), now)
                    + (k.lastUsedIp() == null ? "" : " from " + k.lastUsedIp())));
        }
        if (capabilities.has(Capability.USAGE_COUNTS)) {
            list.add(new Field("Requests today", String.format(Locale.ROOT, "%,d", k.usage().requestsToday())));
            list.add(new Field("Requests this month", String.format(Locale.ROOT, "%,d",
                    k.usage().requestsThisMonth())));
        }
        List<String> missing = java.util.stream.Stream.of(Capability.DESCRIPTIONS, Capability.PREFIXES,
                        Capability.KEY_TYPES, Capability.CREATED_AT, Capability.LAST_USED, Capability.USAGE_COUNTS)
                .filter(c -> !capabilities.has(c)).map(Capability::label).toList();
        if (!missing.isEmpty()) {
            list.add(new Field("Not on this server", String.join(", ", missing)));
        }
        return list;
    }

    private String exact(Instant at, Instant now) {
        if (at == null) {
            return "—";
        }
        String relative = RelativeTime.of(at, now);
        return EXACT.format(at.atZone(zone)) + " (" + relative + ")";
    }

    /** The key's permissions laid over the catalog, grouped by category. */
    public static Matrix matrixOf(List<Permission> permissions, Catalog catalog) {
        Set<Permission> held = Set.copyOf(permissions);
        boolean admin = held.contains(Permission.ADMIN_ALL);
        List<String> levels = catalog.accessLevels();
        List<MatrixCategory> categories = new ArrayList<>();
        for (String category : catalog.categories()) {
            List<MatrixRow> rows = new ArrayList<>();
            for (CatalogResource r : catalog.resources()) {
                if (!category.equals(r.category())) {
                    continue;
                }
                List<Cell> cells = new ArrayList<>(levels.size());
                boolean risky = false;
                for (String level : levels) {
                    if (!r.supports(level)) {
                        cells.add(Cell.UNSUPPORTED);
                        continue;
                    }
                    Permission p = Permission.of(r.name(), level);
                    boolean granted = admin || held.contains(p);
                    cells.add(granted ? Cell.GRANTED : Cell.NOT_GRANTED);
                    risky |= granted && p.isRisky();
                }
                rows.add(new MatrixRow(r.name(), r.label() == null ? r.name() : r.label(), List.copyOf(cells), risky));
            }
            categories.add(new MatrixCategory(category, List.copyOf(rows)));
        }
        List<String> unknown = permissions.stream()
                .filter(p -> !p.isAdminAll() && !catalog.supports(p))
                .map(Permission::value).sorted().toList();
        return new Matrix(levels, List.copyOf(categories), unknown, admin);
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }

    public ReadOnlyObjectProperty<ApiKey> keyProperty() {
        return key.getReadOnlyProperty();
    }

    public ObservableList<Field> fields() {
        return fieldsReadOnly;
    }

    public ReadOnlyObjectProperty<Matrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ObservableList<AuditEvent> auditEvents() {
        return auditEventsReadOnly;
    }

    public ReadOnlyObjectProperty<AuditState> auditStateProperty() {
        return auditState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty auditMessageProperty() {
        return auditMessage.getReadOnlyProperty();
    }

    /** "3 minutes ago", for the audit list's time column. */
    public String relative(Instant at) {
        return at == null ? "" : RelativeTime.of(at, clock.instant());
    }

    /** An audit event's first line: what and when ("key.updated · 2 hours ago"). */
    public String auditHeadline(AuditEvent event) {
        return event.type() + " · " + relative(event.at());
    }

    /** Its second line: from where, by whom, and what changed; empty parts are left out. */
    public String auditDetails(AuditEvent event) {
        List<String> parts = new ArrayList<>();
        if (event.ip() != null && !event.ip().isBlank()) {
            parts.add("from " + event.ip());
        }
        if (event.actorKeyId() != null && !event.actorKeyId().isBlank()) {
            parts.add("by " + event.actorKeyId());
        }
        if (event.detailSummary() != null && !event.detailSummary().isBlank()) {
            parts.add(event.detailSummary());
        }
        return String.join(" · ", parts);
    }
}
