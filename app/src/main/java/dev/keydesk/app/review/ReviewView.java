package dev.keydesk.app.review;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.GatedButton;
import dev.keydesk.app.permissions.PermissionMatrixView;
import dev.keydesk.core.review.Proposal;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.rotation.Grace;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Objects;

/**
 * Shows {@link ReviewViewModel}: the keys under review on the left, the selected key's matrix with
 * its usage overlay and the proposal with its evidence, the decision buttons, and the apply bar. All
 * rules are in the view models; this binds and forwards.
 */
public final class ReviewView {

    /** Quick picks of the window; any number 1–90 may be typed. */
    static final List<Integer> WINDOW_PICKS = List.of(7, 14, 30, 60, 90);

    /** While rotations are in grace, the tracker asks the server this often (a grace may end meanwhile). */
    static final javafx.util.Duration TRACKER_POLL = javafx.util.Duration.minutes(5);

    private final ReviewViewModel vm;
    private final Workspaces workspaces;
    private final javafx.animation.Timeline trackerPoll = new javafx.animation.Timeline();

    @FXML private BorderPane root;
    @FXML private TabPane sections;
    @FXML private Tab reviewTab;
    @FXML private Tab cutoverTab;
    @FXML private CutoverView cutoverController;
    @FXML private Button dueButton;
    @FXML private Label titleLabel;
    @FXML private ComboBox<Integer> windowBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Button loadCancelButton;
    @FXML private Button reviewRefreshButton;
    @FXML private Label unavailableLabel;
    @FXML private Label messageLabel;
    @FXML private ListView<KeyReviewViewModel> keyList;
    @FXML private BorderPane detail;
    @FXML private VBox emptyPane;
    @FXML private Label emptyLabel;
    @FXML private Label keyTitle;
    @FXML private Label decisionLabel;
    @FXML private Button acceptButton;
    @FXML private Button skipButton;
    @FXML private Button keepButton;
    @FXML private Button resetButton;
    @FXML private Label keySubtitle;
    @FXML private SplitPane split;
    @FXML private StackPane matrixHolder;
    @FXML private VBox proposalBox;
    @FXML private Label kindLabel;
    @FXML private Label summaryLabel;
    @FXML private Label riskLabel;
    @FXML private Label presetLabel;
    @FXML private VBox conflictBar;
    @FXML private Label conflictLabel;
    @FXML private Button reloadButton;
    @FXML private Button reapplyButton;
    @FXML private Label outcomeLabel;
    @FXML private Label evidenceTitle;
    @FXML private VBox evidenceBox;
    @FXML private VBox notesBox;
    @FXML private Label addressesTitle;
    @FXML private VBox addressesBox;
    @FXML private Label decisionsSummary;
    @FXML private StackPane narrowWrap;
    @FXML private Button narrowButton;
    @FXML private ComboBox<Grace> graceBox;
    @FXML private ComboBox<RotationFlow.Handover> handoverBox;
    @FXML private StackPane rotateWrap;
    @FXML private Button rotateButton;
    @FXML private StackPane revokeWrap;
    @FXML private Button revokeUnusedButton;

    /** The selected item's listeners, removed when another is selected. */
    private Runnable unbindSelected = () -> { };

    public ReviewView(ReviewViewModel vm, Workspaces workspaces) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
    }

    /** Stops the tracker's timer (the app is closing). */
    public void dispose() {
        trackerPoll.stop();
    }

    public ReviewViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        root.getStylesheets().add(Objects.requireNonNull(ReviewView.class.getResource("review.css")).toExternalForm());
        reviewTab.setGraphic(Icons.icon(Icons.REVIEW));
        cutoverTab.setGraphic(Icons.icon(Icons.CUTOVER));
        cutoverTab.textProperty().bind(Bindings.createStringBinding(() -> vm.tracker().openCountProperty().get() == 0
                ? "Cutover" : "Cutover (" + vm.tracker().openCountProperty().get() + " in grace)",
                vm.tracker().openCountProperty()));
        vm.tracker().setShowTracker(this::showTracker);
        cutoverTab.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                vm.tracker().refresh();
            }
        });
        // The tracker's warnings must come even when nobody looks at it: a grace ends on its own time.
        trackerPoll.getKeyFrames().setAll(new javafx.animation.KeyFrame(TRACKER_POLL, e -> {
            if (vm.tracker().openCountProperty().get() > 0) {
                vm.tracker().refresh();
            }
        }));
        trackerPoll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        trackerPoll.play();
        // A new set of keys (from the table, the expiry panel, Rotate…) shows the review tab.
        vm.items().addListener((ListChangeListener<KeyReviewViewModel>) c -> {
            while (c.next()) {
                if (c.wasReplaced() || c.wasAdded()) {
                    showReview();
                    return;
                }
            }
        });
        workspaces.currentProperty().addListener((obs, old, now) -> {
            if (now == Workspaces.Workspace.REVIEW && vm.items().isEmpty() && !vm.loadingProperty().get()) {
                vm.reviewDue();
            }
        });

        dueButton.setGraphic(Icons.icon(Icons.EXPIRY));
        reviewRefreshButton.setGraphic(Icons.icon(Icons.REFRESH));
        reviewRefreshButton.setTooltip(new javafx.scene.control.Tooltip("Load the keys and their usage again (F5)"));
        titleLabel.textProperty().bind(vm.titleProperty());
        showWhenText(unavailableLabel, vm.unavailableProperty());
        showWhenText(messageLabel, vm.messageProperty());
        // Loading usage shows how far it is; narrowing and rotating are short runs: busy, no count.
        progressBar.progressProperty().bind(Bindings.when(vm.applyingProperty().or(vm.rotation().busyProperty()))
                .then(-1.0).otherwise(vm.progressProperty()));
        progressBar.visibleProperty().bind(vm.loadingProperty().or(vm.applyingProperty())
                .or(vm.rotation().busyProperty()));
        progressBar.managedProperty().bind(progressBar.visibleProperty());
        progressLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String rotating = vm.rotation().progressTextProperty().get();
            return rotating.isEmpty() ? vm.progressTextProperty().get() : rotating;
        }, vm.progressTextProperty(), vm.rotation().progressTextProperty()));
        loadCancelButton.visibleProperty().bind(vm.loadingProperty().or(vm.rotation().busyProperty()));
        loadCancelButton.textProperty().bind(Bindings.when(vm.rotation().busyProperty())
                .then("Stop after this key").otherwise("Cancel"));
        loadCancelButton.managedProperty().bind(loadCancelButton.visibleProperty());

        windowBox.getItems().setAll(WINDOW_PICKS);
        windowBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer days) {
                return days == null ? "" : days + (days == 1 ? " day" : " days");
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return ReviewWindow.clamped(Integer.parseInt(text.replaceAll("[^0-9]", ""))).days();
                } catch (NumberFormatException e) {
                    return vm.windowProperty().get().days();
                }
            }
        });
        windowBox.setValue(vm.windowProperty().get().days());
        windowBox.valueProperty().addListener((obs, old, days) -> {
            if (days != null) {
                vm.windowProperty().set(ReviewWindow.clamped(days));
            }
        });
        windowBox.setTooltip(new javafx.scene.control.Tooltip("A grant counts as used when it was used within this "
                + "many days (1 to " + ReviewWindow.MAX_DAYS + ": what the server keeps)"));

        keyList.setItems(vm.items());
        keyList.setCellFactory(list -> new KeyCell());
        keyList.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item != vm.selectedProperty().get()) {
                vm.selectedProperty().set(item);
            }
        });
        vm.selectedProperty().addListener((obs, old, item) -> show(item));
        vm.items().addListener((ListChangeListener<KeyReviewViewModel>) c -> {
            if (vm.selectedProperty().get() != null) {
                keyList.getSelectionModel().select(vm.selectedProperty().get());
            }
        });
        emptyPane.visibleProperty().bind(vm.selectedProperty().isNull());
        detail.visibleProperty().bind(vm.selectedProperty().isNotNull());
        emptyLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.loadingProperty().get()
                ? "Loading…" : vm.items().isEmpty() && !vm.titleProperty().get().startsWith("Nothing")
                ? vm.titleProperty().get() + "."
                : "Choose “Due for rotation” to review every key older than its rotation age, or “Review…” on keys "
                + "in the Keys workspace.", vm.loadingProperty(), vm.items(), vm.titleProperty()));

        acceptButton.setGraphic(Icons.icon(Icons.CHECK));
        acceptButton.setTooltip(new javafx.scene.control.Tooltip("Take the proposal as the matrix shows it (Alt+A)"));
        keepButton.setTooltip(new javafx.scene.control.Tooltip("Keep every grant it holds: rotate it as it is (Alt+K)"));
        skipButton.setTooltip(new javafx.scene.control.Tooltip("Leave this key out of what is applied (Alt+S)"));
        graceBox.getItems().setAll(Grace.values());
        graceBox.setConverter(labels(Grace::label));
        graceBox.valueProperty().bindBidirectional(vm.graceProperty());
        handoverBox.getItems().setAll(RotationFlow.Handover.values());
        handoverBox.setConverter(labels(RotationFlow.Handover::label));
        handoverBox.valueProperty().bindBidirectional(vm.handoverProperty());
        decisionsSummary.textProperty().bind(vm.summaryProperty());
        rotateButton.setGraphic(Icons.icon(Icons.ROTATE));
        revokeUnusedButton.setGraphic(Icons.icon(Icons.REVOKE));
        GatedButton.bind(narrowWrap, narrowButton, vm.narrowActionProperty(),
                "Remove the permissions shown as removed, keeping each key and its secret (If-Match, after a confirmation)");
        GatedButton.bind(rotateWrap, rotateButton, vm.rotateActionProperty(),
                "Replace the accepted keys with new ones holding the reviewed permissions; the old ones keep "
                        + "working for the grace you chose");
        GatedButton.bind(revokeWrap, revokeUnusedButton, vm.revokeActionProperty(),
                "Revoke the keys whose accepted proposal is to revoke them (nothing used them)");
        rotateButton.defaultButtonProperty().bind(vm.toRotateProperty().and(rotateButton.disabledProperty().not()));
        show(vm.selectedProperty().get());
    }

    private static <T> StringConverter<T> labels(java.util.function.Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static void showWhenText(Label label, ObservableValue<String> text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    // ---- the selected key ------------------------------------------------------------------------

    private void show(KeyReviewViewModel item) {
        unbindSelected.run();
        unbindSelected = () -> { };
        if (item == null) {
            matrixHolder.getChildren().clear();
            return;
        }
        keyList.getSelectionModel().select(item);
        PermissionMatrixView matrix = new PermissionMatrixView(item.matrix());
        matrixHolder.getChildren().setAll(matrix);
        matrix.disableProperty().bind(item.decisionProperty().isEqualTo(KeyReviewViewModel.Decision.DONE)
                .or(vm.applyingProperty()).or(vm.rotation().busyProperty()));

        Runnable refresh = () -> fill(item);
        ChangeListener<Object> any = (obs, old, now) -> refresh.run();
        List<ObservableValue<?>> watched = List.of(item.keyProperty(), item.loadStateProperty(), item.proposalProperty(),
                item.decisionProperty(), item.outcomeProperty(), item.conflictProperty(), item.loadErrorProperty());
        watched.forEach(o -> o.addListener(any));
        javafx.collections.SetChangeListener<Object> selection = c -> refresh.run();
        item.matrix().selection().addListener(selection);
        unbindSelected = () -> {
            watched.forEach(o -> o.removeListener(any));
            item.matrix().selection().removeListener(selection);
        };
        fill(item);
    }

    private void fill(KeyReviewViewModel item) {
        var key = item.key();
        keyTitle.setText(key.name() == null ? key.id() : key.name());
        keySubtitle.setText(item.subtitle());
        KeyReviewViewModel.Decision d = item.decisionProperty().get();
        decisionLabel.setText(d.label());
        decisionLabel.getStyleClass().removeIf(s -> s.startsWith("decision-"));
        decisionLabel.getStyleClass().add("decision-" + d.name().toLowerCase(java.util.Locale.ROOT));
        boolean done = d == KeyReviewViewModel.Decision.DONE;
        boolean blocked = !item.blockedReason().isEmpty();
        acceptButton.setDisable(done || blocked);
        skipButton.setDisable(done);
        keepButton.setDisable(done || blocked);
        resetButton.setDisable(done || d == KeyReviewViewModel.Decision.UNDECIDED);
        Proposal p = item.proposalProperty().get();
        acceptButton.setText(p != null && p.kind() == Proposal.Kind.REVOKE ? "_Accept: revoke" : "_Accept");

        var state = item.loadStateProperty().get();
        String kind = switch (state) {
            case WAITING -> "Waiting to load";
            case LOADING -> "Loading usage…";
            case FAILED -> "Not loaded";
            case NO_USAGE -> "No usage data";
            case LOADED -> p == null ? "" : p.kind().label();
        };
        kindLabel.setText(kind);
        kindLabel.getStyleClass().removeIf(s -> s.startsWith("kind-"));
        if (p != null) {
            kindLabel.getStyleClass().add("kind-" + p.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        String summary = state == KeyReviewViewModel.LoadState.FAILED ? item.loadErrorProperty().get()
                : state == KeyReviewViewModel.LoadState.NO_USAGE ? "This server does not report usage per permission: "
                + "the key's grants are shown as they are. You can still narrow them by hand or rotate it."
                : p == null ? "" : p.summary();
        summaryLabel.setText(blocked ? summary + " " + item.blockedReason() : summary);
        setText(riskLabel, item.riskText());
        setText(presetLabel, item.closestPresetText());
        conflictBar.setVisible(item.conflictProperty().get());
        conflictBar.setManaged(item.conflictProperty().get());
        conflictLabel.setText(item.outcomeProperty().get());
        setText(outcomeLabel, item.conflictProperty().get() ? "" : item.outcomeProperty().get());

        List<String> evidence = item.evidenceLines();
        evidenceTitle.setText(evidence.isEmpty() ? "Nothing is removed" : "Evidence for each removal");
        evidenceBox.getChildren().setAll(evidence.stream().map(ReviewView::line).toList());
        notesBox.getChildren().setAll((p == null ? List.<String>of() : p.notes()).stream().map(n -> {
            Label l = line(n);
            l.getStyleClass().add("review-note");
            return l;
        }).toList());
        List<String> addresses = item.addressLines();
        addressesTitle.setText(addresses.isEmpty() ? "Used from: no address in the last 90 days" : "Used from");
        addressesBox.getChildren().setAll(addresses.stream().map(ReviewView::line).toList());
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add("review-line");
        return l;
    }

    private static void setText(Label label, String text) {
        label.setText(text);
        label.setVisible(!text.isEmpty());
        label.setManaged(!text.isEmpty());
    }

    /** A key in the list: its name, prefix, and the decision or load state. */
    private static final class KeyCell extends ListCell<KeyReviewViewModel> {
        private final Label name = new Label();
        private final Label detailText = new Label();
        private final Label badge = new Label();
        private final VBox box = new VBox(1, new HBox(6, name, badge), detailText);

        KeyCell() {
            name.getStyleClass().add("review-cell-name");
            detailText.getStyleClass().add("review-cell-detail");
            badge.getStyleClass().add("review-cell-badge");
        }

        @Override
        protected void updateItem(KeyReviewViewModel item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            var key = item.key();
            name.setText(key.name() == null ? key.id() : key.name());
            Proposal p = item.proposalProperty().get();
            String state = switch (item.loadStateProperty().get()) {
                case WAITING -> "waiting";
                case LOADING -> "loading…";
                case FAILED -> "not loaded";
                case NO_USAGE -> "no usage data";
                case LOADED -> p == null ? "" : p.kind() == Proposal.Kind.NARROW ? "−" + item.removed().size()
                        + " of " + key.permissions().size() : p.kind().label().toLowerCase(java.util.Locale.ROOT);
            };
            detailText.setText((key.prefix() == null ? key.id() : key.prefix() + "…") + " · " + state);
            boolean undecided = item.decisionProperty().get() == KeyReviewViewModel.Decision.UNDECIDED;
            badge.setText(undecided ? "" : item.decisionProperty().get().label());
            badge.setVisible(!undecided);
            badge.getStyleClass().removeIf(s -> s.startsWith("decision-"));
            badge.getStyleClass().add("decision-" + item.decisionProperty().get().name().toLowerCase(java.util.Locale.ROOT));
            setText(null);
            setGraphic(box);
        }
    }

    // ---- actions (also called by the main window) ---------------------------------------------------

    @FXML
    public void reviewDue() {
        sections.getSelectionModel().select(reviewTab);
        vm.reviewDue();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    /** F5 in this workspace: the tab in front reloads. */
    @FXML
    public void refresh() {
        if (cutoverTab.isSelected()) {
            vm.tracker().refresh();
        } else {
            vm.refresh();
        }
    }

    /** Brings the review tab forward (the workspace shows it when keys arrive for review). */
    public void showReview() {
        sections.getSelectionModel().select(reviewTab);
    }

    public void showTracker() {
        sections.getSelectionModel().select(cutoverTab);
    }

    @FXML
    private void accept() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            item.accept();
            selectNextUndecided(item);
        }
    }

    @FXML
    private void keepGrants() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            item.keepGrants();
        }
    }

    @FXML
    private void skip() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            item.skip();
            selectNextUndecided(item);
        }
    }

    private void selectNextUndecided(KeyReviewViewModel after) {
        int from = vm.items().indexOf(after);
        for (int i = from + 1; i < vm.items().size(); i++) {
            if (vm.items().get(i).decisionProperty().get() == KeyReviewViewModel.Decision.UNDECIDED) {
                vm.selectedProperty().set(vm.items().get(i));
                return;
            }
        }
    }

    @FXML
    private void reset() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            item.reset();
        }
    }

    @FXML
    private void reloadTheirs() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            vm.reload(item);
        }
    }

    @FXML
    private void reapplyMine() {
        KeyReviewViewModel item = vm.selectedProperty().get();
        if (item != null) {
            vm.reapply(item);
        }
    }

    @FXML
    private void narrow() {
        vm.narrow();
    }

    @FXML
    private void rotate() {
        vm.rotate();
    }

    @FXML
    private void revokeUnused() {
        vm.revokeUnused();
    }

    public void focusList() {
        keyList.requestFocus();
    }
}
