package dev.keydesk.app.expiry;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeySubset;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.client.Capability;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.ExpiryOverview;
import dev.keydesk.core.expiry.ExpiryRules;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.stage.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expiry warning panel of the Keys workspace: how many keys are in each {@link ExpiryGroup}
 * (over every loaded key, not the filtered ones), one click to narrow the table to a group, the
 * bulk action that fits each group, whether the panel is folded (remembered), and the notice when
 * keys expire within 7 days (once a day per connection, remembered).
 */
public final class ExpiryPanelViewModel {

    private final KeyTableViewModel table;
    private final AppSettings settings;
    private final Clock clock;
    private final Notices notices;
    private final Workspaces workspaces;
    private final GroupActions actions;

    private final ReadOnlyObjectWrapper<ExpiryOverview> overview =
            new ReadOnlyObjectWrapper<>(this, "overview", ExpiryOverview.EMPTY);
    private final ReadOnlyObjectWrapper<ExpiryRules> rules = new ReadOnlyObjectWrapper<>(this, "rules");
    private final ReadOnlyObjectWrapper<ExpiryGroup> activeGroup = new ReadOnlyObjectWrapper<>(this, "activeGroup");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyIntegerWrapper actionsChanged = new ReadOnlyIntegerWrapper(this, "actionsChanged");
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed");
    private final BooleanProperty calendarShown = new SimpleBooleanProperty(this, "calendarShown");
    private final Map<String, KeyRow> rowsById = new HashMap<>();
    private KeySubset ourSubset;
    private Notices.Notice notice;

    public ExpiryPanelViewModel(KeyTableViewModel table, AppSettings settings, Clock clock, Notices notices,
                                Workspaces workspaces, GroupActions actions) {
        this.table = table;
        this.settings = settings;
        this.clock = clock;
        this.notices = notices;
        this.workspaces = workspaces;
        this.actions = actions;
        rules.set(settings.expiryRules());
        collapsed.set(settings.expiryPanelCollapsed());
        calendarShown.set(settings.expiryCalendarShown());
        collapsed.addListener((obs, old, now) -> settings.setExpiryPanelCollapsed(now));
        calendarShown.addListener((obs, old, now) -> settings.setExpiryCalendarShown(now));

        table.rowsReplacedProperty().addListener((obs, old, n) -> recompute());
        table.stateProperty().addListener((obs, old, state) -> {
            if (state == KeyTableViewModel.LoadState.READY && old == KeyTableViewModel.LoadState.LOADING) {
                maybeNotify();
            }
        });
        // Escape, Clear filters or another subset ends the group's filter.
        table.subsetProperty().addListener((obs, old, now) -> {
            if (now == null || now != ourSubset) {
                ourSubset = null;
                activeGroup.set(null);
            }
        });
        table.session().connectionProperty().addListener((obs, old, now) -> dismissNotice());
        table.selected().addListener((javafx.collections.ListChangeListener<KeyRow>) c -> bumpActions());
        recompute();
    }

    private void recompute() {
        if (table.showingRevokedProperty().get()) {
            return; // the revoked history is not what the groups count: they keep the last live load
        }
        rowsById.clear();
        List<ApiKey> keys = new ArrayList<>(table.rows().size());
        for (KeyRow row : table.rows()) {
            rowsById.put(row.id(), row);
            keys.add(row.key());
        }
        ExpiryOverview next = ExpiryOverview.of(keys, clock.instant(), rules.get());
        overview.set(next);
        summary.set(summaryOf(next, g -> unknown(g).isPresent()));
        ExpiryGroup active = activeGroup.get();
        if (active != null) {
            // The group's keys after a reload (an extension moves keys out of "within 7 days").
            ourSubset = subsetOf(active, next);
            table.replaceSubset(ourSubset);
        }
        bumpActions();
    }

    /** "3 expired · 5 within 7 days · …": the folded panel's one line. */
    static String summaryOf(ExpiryOverview o) {
        return summaryOf(o, g -> false);
    }

    /** The same, with "? unused" for a group this server cannot tell. */
    static String summaryOf(ExpiryOverview o, java.util.function.Predicate<ExpiryGroup> unknown) {
        List<String> parts = new ArrayList<>();
        for (ExpiryGroup g : ExpiryGroup.values()) {
            parts.add((unknown.test(g) ? "?" : Integer.toString(o.count(g))) + " " + shortLabel(g));
        }
        return String.join(" · ", parts);
    }

    static String shortLabel(ExpiryGroup g) {
        return switch (g) {
            case EXPIRED -> "expired";
            case WITHIN_WEEK -> "within " + ExpiryRules.SOON_DAYS + " days";
            case WITHIN_MONTH -> "within " + ExpiryRules.MONTH_DAYS + " days";
            case NEVER_EXPIRES -> "never expire";
            case PAST_ROTATION_AGE -> "past rotation age";
            case UNUSED -> "unused";
        };
    }

    // ---- groups ---------------------------------------------------------------------------------

    /** Narrows the table to {@code group}'s keys (again: ends it). */
    public void show(ExpiryGroup group) {
        if (group == activeGroup.get()) {
            table.clearFilters();
            return;
        }
        KeySubset subset = subsetOf(group, overview.get());
        table.clearFilters(); // the group alone, as its count says
        ourSubset = subset;
        activeGroup.set(group);
        table.replaceSubset(subset);
        workspaces.show(Workspaces.Workspace.KEYS);
    }

    private static KeySubset subsetOf(ExpiryGroup group, ExpiryOverview o) {
        return new KeySubset(group.label() + " (" + o.count(group) + ")", o.ids(group));
    }

    /** The count and what it counts, for the tile: "3", "Expired". */
    public int count(ExpiryGroup group) {
        return unknown(group).isPresent() ? 0 : overview.get().count(group);
    }

    /**
     * Why the group cannot be told on this server, if it cannot: "unused" needs last-use times and
     * "past rotation age" creation times, which a Narrative token does not carry. Counting them
     * anyway would call every token unused (and offer to revoke them all).
     */
    public Optional<String> unknown(ExpiryGroup group) {
        Optional<Connection> connection = table.session().current();
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        return switch (group) {
            case UNUSED -> connection.get().whyNot(Capability.LAST_USED);
            case PAST_ROTATION_AGE -> connection.get().whyNot(Capability.CREATED_AT);
            default -> Optional.empty();
        };
    }

    /** The rule with the numbers in force, and for the unused group how many were never used. */
    public String describe(ExpiryGroup group) {
        Optional<String> unknown = unknown(group);
        if (unknown.isPresent()) {
            return "Not known on this server: " + unknown.get();
        }
        String rule = group.describe(rules.get());
        if (group == ExpiryGroup.UNUSED && count(group) > 0) {
            return rule + " " + overview.get().neverUsed() + " of them were never used.";
        }
        return rule;
    }

    /** The group's label with its rule's number: "Unused 30+ days", "Past rotation age". */
    public String label(ExpiryGroup group) {
        return group == ExpiryGroup.UNUSED ? "Unused " + rules.get().unusedDays() + "+ days" : group.label();
    }

    /** The tile's short name (the tooltip has the rule): "Within 7 days", "Rotation due". */
    public String tileLabel(ExpiryGroup group) {
        return switch (group) {
            case EXPIRED -> "Expired";
            case WITHIN_WEEK -> "Within " + ExpiryRules.SOON_DAYS + " days";
            case WITHIN_MONTH -> (ExpiryRules.SOON_DAYS + 1) + "–" + ExpiryRules.MONTH_DAYS + " days";
            case NEVER_EXPIRES -> "Never expire";
            case PAST_ROTATION_AGE -> "Rotation due";
            case UNUSED -> "Unused " + rules.get().unusedDays() + "+ days";
        };
    }

    /** The rows of the group, in the table's load order. */
    public List<KeyRow> rows(ExpiryGroup group) {
        List<KeyRow> out = new ArrayList<>();
        if (unknown(group).isPresent()) {
            return out;
        }
        for (ApiKey k : overview.get().keys(group)) {
            KeyRow row = rowsById.get(k.id());
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }

    // ---- actions --------------------------------------------------------------------------------

    public ActionState actionState(ExpiryGroup group, GroupAction action) {
        Optional<String> unknown = unknown(group);
        return unknown.isPresent() ? ActionState.blocked(unknown.get()) : actions.state(action, rows(group));
    }

    public void run(ExpiryGroup group, GroupAction action, Window owner) {
        actions.run(action, label(group), rows(group), owner);
    }

    /** Extending the keys selected in the table (Edit → Extend expiry…, Ctrl+Shift+X), through the same preview. */
    public ActionState extendSelectedState() {
        if (table.selected().isEmpty()) {
            return ActionState.blocked("Select the keys to extend");
        }
        if (table.showingRevokedProperty().get()) {
            return ActionState.blocked("Revoked keys cannot be changed");
        }
        return actions.state(GroupAction.EXTEND, List.copyOf(table.selected()));
    }

    public void extendSelected(Window owner) {
        if (extendSelectedState().enabled()) {
            int n = table.selected().size();
            actions.run(GroupAction.EXTEND, n == 1 ? "the selected key" : "the selected keys",
                    List.copyOf(table.selected()), owner);
        }
    }

    /** A group's revoke or freeze in progress (the panel shows it, with Cancel). */
    public GroupIncident incident() {
        return actions.incident();
    }

    /** Counts up whenever the actions' states may have changed (new counts, a new connection). */
    public ReadOnlyIntegerProperty actionsChangedProperty() {
        return actionsChanged.getReadOnlyProperty();
    }

    private void bumpActions() {
        actionsChanged.set(actionsChanged.get() + 1);
    }

    // ---- rules ----------------------------------------------------------------------------------

    /** New rotation ages or unused days: remembered, and the groups recounted. */
    public void setRules(ExpiryRules value) {
        settings.setExpiryRules(value);
        rules.set(value);
        recompute();
    }

    public ReadOnlyObjectProperty<ExpiryRules> rulesProperty() {
        return rules.getReadOnlyProperty();
    }

    // ---- the notice -----------------------------------------------------------------------------

    /** After each completed load: keys expiring within 7 days are announced, once a day per connection. */
    private void maybeNotify() {
        Optional<Connection> connection = table.session().current();
        int soon = count(ExpiryGroup.WITHIN_WEEK);
        if (connection.isEmpty() || soon == 0) {
            return;
        }
        String profileId = connection.get().profile().id();
        LocalDate today = LocalDate.now(clock);
        if (settings.lastExpiryNotice(profileId).filter(today::equals).isPresent()) {
            return;
        }
        settings.setLastExpiryNotice(profileId, today);
        dismissNotice();
        notice = new Notices.Notice(soon + (soon == 1 ? " key expires" : " keys expire") + " within "
                + ExpiryRules.SOON_DAYS + " days",
                "On “" + connection.get().profile().name() + "”: the services using "
                        + (soon == 1 ? "it" : "them") + " will start failing unless "
                        + (soon == 1 ? "it is" : "they are") + " extended or rotated.",
                "Show " + (soon == 1 ? "it" : "them"), () -> show(ExpiryGroup.WITHIN_WEEK));
        notices.post(notice);
    }

    private void dismissNotice() {
        if (notice != null) {
            notices.dismiss(notice);
            notice = null;
        }
    }

    // ---- properties -----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ExpiryOverview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** The group whose keys the table shows, or null. */
    public ReadOnlyObjectProperty<ExpiryGroup> activeGroupProperty() {
        return activeGroup.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Folded to one line; remembered across starts. */
    public BooleanProperty collapsedProperty() {
        return collapsed;
    }

    /** The calendar open under the groups; remembered across starts. */
    public BooleanProperty calendarShownProperty() {
        return calendarShown;
    }
}
