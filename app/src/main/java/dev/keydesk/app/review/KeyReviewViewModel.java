package dev.keydesk.app.review;

import dev.keydesk.app.editor.KeyForm;
import dev.keydesk.app.permissions.PermissionMatrixViewModel;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.core.review.GrantEvidence;
import dev.keydesk.core.review.Proposal;
import dev.keydesk.core.review.ProposalRules;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.rotation.RotationMarker;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One key under review: its usage (loaded in the background by the workspace), the proposal, the
 * matrix (the editors' own {@link KeyForm}) starting at the proposal with the key's grants as the
 * baseline, so removals are marked, and the reviewer's decision: accept, edit in the matrix, or
 * skip.
 */
public final class KeyReviewViewModel {

    /** Where the key's material is. */
    public enum LoadState { WAITING, LOADING, LOADED, NO_USAGE, FAILED }

    /** What the reviewer decided. */
    public enum Decision {
        UNDECIDED("To decide"), ACCEPTED("Accepted"), EDITED("Edited"), SKIPPED("Skipped"),
        /** Applied (narrowed, rotated or revoked): the next apply leaves it out. */
        DONE("Done");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Catalog catalog;
    private final Clock clock;
    private final KeyForm form;
    private final boolean connectedKey;
    private final ReadOnlyObjectWrapper<ApiKey> key = new ReadOnlyObjectWrapper<>(this, "key");
    private VersionedKey versioned;
    private KeyUsage usage;
    private final ReadOnlyObjectWrapper<LoadState> loadState = new ReadOnlyObjectWrapper<>(this, "loadState", LoadState.WAITING);
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyObjectWrapper<Proposal> proposal = new ReadOnlyObjectWrapper<>(this, "proposal");
    private final ReadOnlyObjectWrapper<Decision> decision = new ReadOnlyObjectWrapper<>(this, "decision", Decision.UNDECIDED);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper conflict = new ReadOnlyBooleanWrapper(this, "conflict");
    /** Set while the view model itself changes the matrix, so that is not taken for an edit. */
    private boolean settingSelection;

    KeyReviewViewModel(ApiKey key, Catalog catalog, KeyPolicy policy, Predicate<Permission> adminHolds,
                       Capabilities capabilities, Clock clock, boolean connectedKey) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.form = new KeyForm(catalog, policy, adminHolds, capabilities, clock);
        this.connectedKey = connectedKey;
        this.key.set(Objects.requireNonNull(key, "key"));
        form.fill(key);
        form.matrix().selection().addListener((SetChangeListener<Permission>) c -> {
            if (!settingSelection && decision.get() != Decision.SKIPPED && decision.get() != Decision.DONE) {
                decision.set(matchesProposal() ? Decision.ACCEPTED : Decision.EDITED);
            }
        });
    }

    // ---- loading (told by the workspace) ---------------------------------------------------

    void loading() {
        loadState.set(LoadState.LOADING);
        loadError.set("");
    }

    void loaded(VersionedKey fresh, KeyUsage keyUsage, ReviewWindow window) {
        versioned = fresh;
        if (decision.get() != Decision.DONE) {
            decision.set(Decision.UNDECIDED);
        }
        usage = keyUsage;
        key.set(fresh.key());
        conflict.set(false);
        setSelection(fresh.key().permissions(), fresh.key().permissions());
        propose(window);
        loadState.set(keyUsage == null ? LoadState.NO_USAGE : LoadState.LOADED);
    }

    void failed(String message) {
        loadState.set(LoadState.FAILED);
        loadError.set(message);
    }

    /** The window changed: the proposal again; an undecided key's matrix follows it. */
    void propose(ReviewWindow window) {
        if (usage == null) {
            proposal.set(null);
            form.matrix().setNotes(java.util.Map.of());
            return;
        }
        Instant now = clock.instant();
        Proposal p = new ProposalRules(catalog).propose(key.get(), usage, window, now);
        proposal.set(p);
        form.matrix().setNotes(UsageOverlay.of(p, now));
        if (decision.get() == Decision.UNDECIDED || decision.get() == Decision.ACCEPTED) {
            setSelection(p.resultingPermissions(), null);
        }
    }

    // ---- decisions ---------------------------------------------------------------------------

    /** Takes the proposal (for a "revoke instead" proposal: revoke it). */
    public void accept() {
        if (decision.get() == Decision.DONE) {
            return;
        }
        Proposal p = proposal.get();
        if (p != null) {
            setSelection(p.resultingPermissions(), null);
        }
        decision.set(Decision.ACCEPTED);
    }

    /**
     * Keeps every grant the key holds (e.g. to rotate a key the proposal would revoke, or whose
     * proposal the reviewer does not trust): decided, with nothing removed.
     */
    public void keepGrants() {
        if (decision.get() == Decision.DONE) {
            return;
        }
        setSelection(key.get().permissions(), null);
        decision.set(matchesProposal() && !isRevokeProposal() ? Decision.ACCEPTED : Decision.EDITED);
    }

    private boolean isRevokeProposal() {
        Proposal p = proposal.get();
        return p != null && p.kind() == Proposal.Kind.REVOKE;
    }

    /** Leaves the key as it is: nothing is narrowed, rotated or revoked for it. */
    public void skip() {
        if (decision.get() != Decision.DONE) {
            decision.set(Decision.SKIPPED);
        }
    }

    /** Back to the proposal, undecided. */
    public void reset() {
        if (decision.get() == Decision.DONE) {
            return;
        }
        Proposal p = proposal.get();
        setSelection(p == null ? key.get().permissions() : p.resultingPermissions(), null);
        decision.set(Decision.UNDECIDED);
    }

    /**
     * After a conflict: this reviewer's removals and additions put on top of the key as it is now
     * (the workspace has just reloaded it), to be checked and applied again.
     */
    void reapply(Set<Permission> removedBefore, Set<Permission> addedBefore) {
        Set<Permission> merged = new TreeSet<>(key.get().permissions());
        merged.removeAll(removedBefore);
        merged.addAll(addedBefore);
        setSelection(merged, null);
        decision.set(matchesProposal() ? Decision.ACCEPTED : Decision.EDITED);
    }

    private void setSelection(java.util.Collection<Permission> selection, java.util.Collection<Permission> baseline) {
        settingSelection = true;
        try {
            if (baseline != null) {
                form.matrix().setBaseline(baseline);
            }
            form.matrix().setSelection(selection);
        } finally {
            settingSelection = false;
        }
    }

    private boolean matchesProposal() {
        Proposal p = proposal.get();
        Set<Permission> target = p == null ? Set.copyOf(key.get().permissions()) : p.resultingPermissions();
        return Set.copyOf(form.matrix().selection()).equals(Set.copyOf(target));
    }

    // ---- what the decision means -------------------------------------------------------------

    public boolean decided() {
        return decision.get() == Decision.ACCEPTED || decision.get() == Decision.EDITED;
    }

    /** Accepted a "revoke instead" proposal. */
    public boolean revokes() {
        Proposal p = proposal.get();
        return decision.get() == Decision.ACCEPTED && p != null && p.kind() == Proposal.Kind.REVOKE;
    }

    /** Decided on a permission set that differs from what the key holds now. */
    public boolean narrows() {
        return decided() && !revokes() && form.matrix().hasPermissionChanges() && form.isValid();
    }

    /** Decided on a set the rotation can give the replacement (and not the key KeyDesk is connected with). */
    public boolean rotatable() {
        return decided() && !revokes() && form.isValid() && !connectedKey;
    }

    /** Why this key cannot be changed from here; empty when it can. */
    public String blockedReason() {
        return connectedKey ? "This is the admin key KeyDesk is connected with: change it from another admin key." : "";
    }

    /** The permissions the decision leaves it (the matrix's selection). */
    public SortedSet<Permission> resultingPermissions() {
        return new TreeSet<>(form.matrix().selection());
    }

    public SortedSet<Permission> removed() {
        return new TreeSet<>(form.matrix().removed());
    }

    public SortedSet<Permission> added() {
        return new TreeSet<>(form.matrix().added());
    }

    /** For the confirmation: "Billing (sk_live_ab12…): removes datasets:write, jobs:read". */
    public String changeLine() {
        String label = label();
        SortedSet<Permission> rem = removed();
        SortedSet<Permission> add = added();
        List<String> parts = new ArrayList<>();
        if (!rem.isEmpty()) {
            parts.add("removes " + join(rem));
        }
        if (!add.isEmpty()) {
            parts.add("adds " + join(add));
        }
        return label + ": " + (parts.isEmpty() ? "keeps all " + key.get().permissions().size() + " permissions"
                : String.join("; ", parts));
    }

    /** The name and prefix, for lists and confirmations. */
    public String label() {
        ApiKey k = key.get();
        return "“" + (k.name() == null ? k.id() : k.name()) + "”" + (k.prefix() == null ? "" : " (" + k.prefix() + "…)");
    }

    private static String join(Set<Permission> ps) {
        return String.join(", ", ps.stream().map(Permission::value).toList());
    }

    // ---- what the view shows -----------------------------------------------------------------

    /** "live · created 120 days ago · expires in 40 days", and the rotation marker's meaning. */
    public String subtitle() {
        ApiKey k = key.get();
        Instant now = clock.instant();
        List<String> parts = new ArrayList<>();
        if (k.type() != null) {
            parts.add(k.type());
        }
        if (k.createdAt() != null) {
            parts.add("created " + Duration.between(k.createdAt(), now).toDays() + " days ago");
        }
        parts.add(k.expiresAt() == null ? "never expires" : k.expiresAt().isAfter(now)
                ? "expires in " + Math.max(0, Duration.between(now, k.expiresAt()).toDays()) + " days" : "expired");
        if (RotationMarker.isMarked(k.name())) {
            parts.add("being rotated");
        }
        return k.id() + " · " + String.join(" · ", parts);
    }

    /** The removals with their evidence, one line each. */
    public List<String> evidenceLines() {
        Proposal p = proposal.get();
        List<String> lines = new ArrayList<>();
        for (Permission r : removed()) {
            lines.add(p == null ? r.value() + " — no usage data"
                    : p.evidenceFor(r).map(GrantEvidence::describe).orElse(r.value() + " — not reported by the server"));
        }
        return lines;
    }

    /** The write or admin grants the decision removes, in words; "" when none. */
    public String riskText() {
        SortedSet<Permission> risky = new TreeSet<>();
        removed().stream().filter(Permission::isRisky).forEach(risky::add);
        if (risky.isEmpty()) {
            return "";
        }
        return "Drops " + join(risky) + (risky.contains(Permission.ADMIN_ALL) ? " (every permission)" : " (write access)");
    }

    /** The addresses it was used from, latest first. */
    public List<String> addressLines() {
        if (usage == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return usage.addresses().stream().map(a -> UsageOverlay.address(a, now)).toList();
    }

    public String closestPresetText() {
        Proposal p = proposal.get();
        if (p == null) {
            return "";
        }
        return p.closest().map(dev.keydesk.core.review.PresetMatch::describe).orElse("No preset is close to it");
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The one form model: its matrix is what the review edits. */
    public KeyForm form() {
        return form;
    }

    public PermissionMatrixViewModel matrix() {
        return form.matrix();
    }

    public ApiKey key() {
        return key.get();
    }

    public ReadOnlyObjectProperty<ApiKey> keyProperty() {
        return key.getReadOnlyProperty();
    }

    /** The key with the version tag the reviewer saw (sent as If-Match); null until loaded. */
    VersionedKey versioned() {
        return versioned;
    }

    public boolean isConnectedKey() {
        return connectedKey;
    }

    public ReadOnlyObjectProperty<LoadState> loadStateProperty() {
        return loadState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Proposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Decision> decisionProperty() {
        return decision.getReadOnlyProperty();
    }

    /** What became of it after an apply: "Narrowed", "Rotated → key_… (grace until …)", a refusal. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    void setOutcome(String text) {
        outcome.set(text == null ? "" : text);
    }

    /** True after a 412: someone else changed it since it was reviewed. */
    public ReadOnlyBooleanProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    void setConflict(boolean on) {
        conflict.set(on);
    }

    /** The decision is final once applied: the next apply leaves it out. */
    void done() {
        decision.set(Decision.DONE);
    }
}
