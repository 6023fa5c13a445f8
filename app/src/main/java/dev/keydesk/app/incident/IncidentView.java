package dev.keydesk.app.incident;

import dev.keydesk.app.common.FileDialogs;
import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Styles;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.Preview;
import dev.keydesk.core.keys.RelativeTime;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Incident workspace's view: binds to {@link IncidentViewModel} and forwards gestures. The
 * preview is asked for once the person stops editing for a moment ({@link #PREVIEW_DELAY}), so a
 * typed rule costs one preview, not one per keystroke. Escape cancels a run. It also opens the
 * Identify and Export dialogs and the freeze-report chooser for the main window's Incident menu.
 */
public final class IncidentView {

    /** Edits are gathered this long before the preview is computed again. */
    static final Duration PREVIEW_DELAY = Duration.millis(350);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final IncidentViewModel vm;
    private final IdentifyViewModel identify;
    private final InventoryExport export;
    private final IncidentLauncher launcher;
    private final FileDialogs files;
    private final Workspaces workspaces;
    private final Path incidentsDir;
    private final Runnable keysChanged;
    private final PauseTransition previewDelay = new PauseTransition(PREVIEW_DELAY);

    @FXML private StackPane root;
    @FXML private SplitPane planningPane;
    @FXML private HBox actionBar;
    @FXML private ToggleButton revokeToggle;
    @FXML private ToggleButton freezeToggle;
    @FXML private ToggleButton thawToggle;
    @FXML private Label actionHint;
    @FXML private RadioButton chosenRadio;
    @FXML private VBox chosenBox;
    @FXML private ListView<PlanForm.ChosenKey> chosenList;
    @FXML private RadioButton rulesRadio;
    @FXML private VBox rulesBox;
    @FXML private VBox ruleRows;
    @FXML private Button addRuleButton;
    @FXML private TextField exceptionsField;
    @FXML private CheckBox includeSelfBox;
    @FXML private Label includeSelfHint;
    @FXML private TextField reasonField;
    @FXML private TextField referenceField;
    @FXML private Label planProblem;
    @FXML private ProgressIndicator previewSpinner;
    @FXML private Label inventoryLabel;
    @FXML private Button refreshButton;
    @FXML private Label previewProblem;
    @FXML private Label countLabel;
    @FXML private Label countCaption;
    @FXML private Label usageLabel;
    @FXML private Label typesLabel;
    @FXML private Label estimateLabel;
    @FXML private Label skippedLabel;
    @FXML private VBox warningsBox;
    @FXML private FlowPane permissionsPane;
    @FXML private TableView<ApiKey> targetsTable;
    @FXML private TableColumn<ApiKey, String> targetNameColumn;
    @FXML private TableColumn<ApiKey, String> targetPrefixColumn;
    @FXML private TableColumn<ApiKey, String> targetTypeColumn;
    @FXML private TableColumn<ApiKey, String> targetLastUsedColumn;
    @FXML private Label confirmPrompt;
    @FXML private TextField countField;
    @FXML private TextField nameField;
    @FXML private Button startButton;
    @FXML private Label startHint;

    @FXML private BorderPane runPane;
    @FXML private Label stateLabel;
    @FXML private Label planLabel;
    @FXML private Button cancelButton;
    @FXML private Button newIncidentButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label countsLabel;
    @FXML private Label rateLabel;
    @FXML private Label timeLeftLabel;
    @FXML private Label concurrencyLabel;
    @FXML private HBox runFacts;
    @FXML private HBox afterRunButtons;
    @FXML private HBox pauseBox;
    @FXML private Label pauseLabel;
    @FXML private VBox breakGlassBox;
    @FXML private VBox resultBox;
    @FXML private Label headlineLabel;
    @FXML private Label detailsLabel;
    @FXML private Label breakGlassProblemLabel;
    @FXML private TextField reportFolderField;
    @FXML private Button openFolderButton;
    @FXML private Button exportReportButton;
    @FXML private Button retryButton;
    @FXML private Button thawButton;
    @FXML private SplitPane resultSplit;
    @FXML private ChoiceBox<IncidentViewModel.OutcomeFilter> outcomeFilter;
    @FXML private Label outcomeCount;
    @FXML private TableView<OutcomeRow> outcomeTable;
    @FXML private TableColumn<OutcomeRow, String> outNameColumn;
    @FXML private TableColumn<OutcomeRow, String> outPrefixColumn;
    @FXML private TableColumn<OutcomeRow, String> outOutcomeColumn;
    @FXML private TableColumn<OutcomeRow, String> outMessageColumn;
    @FXML private TableColumn<OutcomeRow, String> outRequestColumn;
    @FXML private TableColumn<OutcomeRow, Number> outAttemptsColumn;
    @FXML private ScrollPane nextStepsScroll;
    @FXML private VBox nextStepsBox;

    public IncidentView(IncidentViewModel vm, IdentifyViewModel identify, InventoryExport export,
                        IncidentLauncher launcher, FileDialogs files, Workspaces workspaces, Path incidentsDir,
                        Runnable keysChanged) {
        this.vm = vm;
        this.identify = identify;
        this.export = export;
        this.launcher = launcher;
        this.files = files;
        this.workspaces = workspaces;
        this.incidentsDir = incidentsDir;
        this.keysChanged = keysChanged;
    }

    @FXML
    private void initialize() {
        setUpPlan();
        setUpPreview();
        setUpRun();
        setUpOutcomes();
        vm.phaseProperty().addListener((obs, old, phase) -> showPhase());
        showPhase();
        previewDelay.setOnFinished(e -> vm.requestPreview());
        vm.form().planProperty().addListener((obs, old, plan) -> previewDelay.playFromStart());
        workspaces.currentProperty().addListener((obs, old, w) -> {
            if (w == Workspaces.Workspace.INCIDENT && vm.phase() == IncidentViewModel.Phase.PLANNING
                    && vm.previewProperty().get() == null && !vm.previewingProperty().get()) {
                vm.requestPreview();
            }
        });
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                listenForEscape(scene);
            }
        });
    }

    /** Escape cancels a run while the workspace is in front (wherever the focus is in the window). */
    private void listenForEscape(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean running = vm.phase() == IncidentViewModel.Phase.RUNNING
                    || vm.phase() == IncidentViewModel.Phase.STARTING;
            if (e.getCode() == KeyCode.ESCAPE && running && workspaces.current() == Workspaces.Workspace.INCIDENT
                    && scene.getWindow() != null && scene.getWindow().isFocused()) {
                vm.cancel();
                e.consume();
            }
        });
    }

    // ---- the plan ------------------------------------------------------------------------------

    private void setUpPlan() {
        PlanForm form = vm.form();
        ToggleGroup actions = new ToggleGroup();
        Map<IncidentAction, ToggleButton> toggles = Map.of(IncidentAction.REVOKE, revokeToggle,
                IncidentAction.FREEZE, freezeToggle, IncidentAction.THAW, thawToggle);
        toggles.forEach((action, toggle) -> {
            toggle.setToggleGroup(actions);
            toggle.setUserData(action);
        });
        revokeToggle.setGraphic(Icons.icon(Icons.REVOKE));
        freezeToggle.setGraphic(Icons.icon(Icons.FREEZE));
        thawToggle.setGraphic(Icons.icon(Icons.THAW));
        revokeToggle.getStyleClass().add(atlantafx.base.theme.Styles.LEFT_PILL);
        freezeToggle.getStyleClass().add(atlantafx.base.theme.Styles.CENTER_PILL);
        thawToggle.getStyleClass().add(atlantafx.base.theme.Styles.RIGHT_PILL);
        Runnable showAction = () -> {
            IncidentAction a = form.actionProperty().get();
            actions.selectToggle(toggles.get(a));
            actionHint.setText(switch (a) {
                case REVOKE -> "Revoked keys stop at once, for good: this cannot be undone.";
                case FREEZE -> "Frozen keys stop at once and can be thawed later; the report says exactly which.";
                case THAW -> "Thawed keys work again at once.";
            });
        };
        actions.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                actions.selectToggle(old); // one action is always chosen
            } else {
                form.actionProperty().set((IncidentAction) t.getUserData());
            }
        });
        form.actionProperty().addListener((obs, old, a) -> showAction.run());
        showAction.run();
        Runnable showFreeze = () -> {
            ActionState f = vm.freezeStateProperty().get();
            freezeToggle.setDisable(!f.enabled());
            thawToggle.setDisable(!f.enabled());
            Tooltip why = f.enabled() ? null : new Tooltip(f.reason());
            // A disabled control shows no tooltip: the reason goes on the bar around the choices.
            Tooltip.install(actionBar, why == null ? new Tooltip("Revoke for good, or freeze (reversible), or thaw")
                    : why);
        };
        vm.freezeStateProperty().addListener((obs, old, f) -> showFreeze.run());
        showFreeze.run();

        ToggleGroup sources = new ToggleGroup();
        chosenRadio.setToggleGroup(sources);
        rulesRadio.setToggleGroup(sources);
        Runnable showSource = () -> {
            boolean chosen = form.sourceProperty().get() == PlanForm.Source.SELECTION;
            (chosen ? chosenRadio : rulesRadio).setSelected(true);
            // Only the chosen source's editor shows: the form stays short enough to see whole.
            chosenBox.setVisible(chosen);
            chosenBox.setManaged(chosen);
            rulesBox.setVisible(!chosen);
            rulesBox.setManaged(!chosen);
        };
        sources.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                form.sourceProperty().set(t == chosenRadio ? PlanForm.Source.SELECTION : PlanForm.Source.RULES);
            }
        });
        form.sourceProperty().addListener((obs, old, s) -> showSource.run());
        showSource.run();
        chosenList.setItems(form.chosen());
        chosenList.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PlanForm.ChosenKey key, boolean empty) {
                super.updateItem(key, empty);
                setText(empty || key == null ? null : key.label());
            }
        });
        chosenRadio.textProperty().bind(Bindings.createStringBinding(() -> form.chosen().isEmpty()
                ? "The chosen keys (none yet)" : "The " + IncidentTexts.keys(form.chosen().size()) + " chosen",
                form.chosen()));

        addRuleButton.setGraphic(Icons.icon(Icons.ADD));
        form.rules().addListener((ListChangeListener<RuleEditor>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structural) {
                showRules();
            }
        });
        showRules();

        exceptionsField.textProperty().bindBidirectional(form.exceptionsProperty());
        includeSelfBox.selectedProperty().bindBidirectional(form.includeConnectedKeyProperty());
        includeSelfHint.textProperty().bind(Bindings.createStringBinding(() -> form.includeConnectedKeyProperty().get()
                ? "A replacement with the same permissions and a 7-day expiry is created first, its secret shown once; "
                + "the connection switches to it, and the old key goes last. " + vm.breakGlassNote()
                : "Left out, the run keeps its connection; the preview says when it matched.",
                form.includeConnectedKeyProperty()));
        reasonField.textProperty().bindBidirectional(form.reasonProperty());
        referenceField.textProperty().bindBidirectional(form.referenceProperty());
        planProblem.textProperty().bind(form.problemProperty());
        shownWhenText(planProblem);
    }

    @FXML
    private void addRule() {
        vm.form().addRule();
        // The new line's value field takes the focus, ready for typing.
        if (!ruleRows.getChildren().isEmpty()) {
            Node last = ruleRows.getChildren().get(ruleRows.getChildren().size() - 1);
            Node value = last.lookup(".rule-value");
            if (value != null) {
                value.requestFocus();
            }
        }
    }

    private void showRules() {
        ruleRows.getChildren().clear();
        for (RuleEditor editor : vm.form().rules()) {
            ruleRows.getChildren().add(ruleRow(editor));
        }
    }

    /** One rule: its kind, its value (with the connection's suggestions), "days" where it counts days, remove. */
    private Node ruleRow(RuleEditor editor) {
        ComboBox<RuleKind> kind = new ComboBox<>();
        kind.getItems().setAll(RuleKind.values());
        kind.valueProperty().bindBidirectional(editor.kindProperty());
        kind.setAccessibleText("Rule");
        kind.getStyleClass().add("rule-kind");
        ComboBox<String> value = new ComboBox<>();
        value.setEditable(true);
        value.getStyleClass().add("rule-value");
        value.setAccessibleText("Rule value");
        value.setMaxWidth(Double.MAX_VALUE);
        value.getEditor().textProperty().bindBidirectional(editor.valueProperty());
        HBox.setHgrow(value, Priority.ALWAYS);
        Label days = new Label("days");
        Button remove = new Button(null, Icons.icon(Icons.CLEAR));
        remove.getStyleClass().addAll("flat", "rule-remove");
        remove.setAccessibleText("Remove this rule");
        remove.setTooltip(new Tooltip("Remove this rule"));
        remove.setOnAction(e -> vm.form().removeRule(editor));
        Runnable showKind = () -> {
            RuleKind k = editor.kindProperty().get();
            value.setVisible(k.takesValue());
            value.setManaged(k.takesValue());
            value.setPromptText(k.hint());
            value.getItems().setAll(vm.suggestions(k));
            days.setVisible(k.takesDays());
            days.setManaged(k.takesDays());
        };
        editor.kindProperty().addListener((obs, old, k) -> showKind.run());
        showKind.run();
        Label problem = new Label();
        problem.getStyleClass().add("field-error");
        problem.textProperty().bind(Bindings.createStringBinding(() -> editor.valueProperty().get().isBlank()
                && editor.kindProperty().get().takesValue() ? "" : editor.problemProperty().get(),
                editor.problemProperty(), editor.valueProperty(), editor.kindProperty()));
        shownWhenText(problem);
        HBox line = new HBox(6, kind, value, days, remove);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(2, line, problem);
        box.getStyleClass().add("rule-row");
        return box;
    }

    // ---- the preview ---------------------------------------------------------------------------

    private void setUpPreview() {
        previewSpinner.visibleProperty().bind(vm.previewingProperty());
        inventoryLabel.textProperty().bind(vm.inventoryTextProperty());
        refreshButton.setGraphic(Icons.icon(Icons.REFRESH));
        refreshButton.setTooltip(new Tooltip("Read the server's keys again (F5)"));
        previewProblem.textProperty().bind(vm.previewProblemProperty());
        shownWhenText(previewProblem);
        targetNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        targetPrefixColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().prefix()));
        targetTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        targetLastUsedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                RelativeTime.lastUsed(c.getValue().lastUsed(), Instant.now())));
        targetsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        targetsTable.setPlaceholder(new Label("No key matches."));
        vm.previewProperty().addListener((obs, old, p) -> showPreview());
        vm.previewCurrentProperty().addListener((obs, old, c) -> showPreview());
        showPreview();

        confirmPrompt.textProperty().bind(vm.confirmPromptProperty());
        countField.textProperty().bindBidirectional(vm.typedCountProperty());
        nameField.textProperty().bindBidirectional(vm.typedNameProperty());
        nameField.visibleProperty().bind(vm.nameRequiredProperty());
        nameField.managedProperty().bind(nameField.visibleProperty());
        nameField.promptTextProperty().bind(Bindings.createStringBinding(vm::profileNameToType, vm.nameRequiredProperty(),
                vm.confirmPromptProperty()));
        startButton.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        startButton.textProperty().bind(Bindings.createStringBinding(() -> {
            Preview p = vm.previewProperty().get();
            String verb = IncidentTexts.capitalized(vm.form().actionProperty().get().verb());
            return p == null || !vm.previewCurrentProperty().get() ? verb + " keys" : verb + " " + IncidentTexts.keys(p.count());
        }, vm.previewProperty(), vm.previewCurrentProperty(), vm.form().actionProperty()));
        startButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.startStateProperty().get().enabled(),
                vm.startStateProperty()));
        startHint.textProperty().bind(Bindings.createStringBinding(() -> {
            ActionState s = vm.startStateProperty().get();
            return s.enabled() ? "Nothing is sent before you press the button; the run can be cancelled (Esc)."
                    : s.reason();
        }, vm.startStateProperty()));
        countField.setOnAction(e -> {
            if (vm.startStateProperty().get().enabled()) {
                vm.start();
            } else if (nameField.isVisible()) {
                nameField.requestFocus();
            }
        });
        nameField.setOnAction(e -> start());
    }

    private void showPreview() {
        Preview p = vm.previewProperty().get();
        boolean current = vm.previewCurrentProperty().get();
        planningPane.getItems().get(1).getStyleClass().remove("stale");
        if (p != null && !current) {
            planningPane.getItems().get(1).getStyleClass().add("stale");
        }
        if (p == null) {
            countLabel.setText("—");
            countCaption.setText(vm.previewingProperty().get() ? "computing…" : "no preview yet");
            usageLabel.setText("");
            typesLabel.setText("");
            estimateLabel.setText("");
            skippedLabel.setText("");
            warningsBox.getChildren().clear();
            permissionsPane.getChildren().clear();
            targetsTable.getItems().clear();
            return;
        }
        IncidentAction action = p.plan().action();
        countLabel.setText(Integer.toString(p.count()));
        countCaption.setText((p.count() == 1 ? "key will be " : "keys will be ") + action.pastTense()
                + " — " + p.plan().targets().describe() + (current ? "" : " (updating…)"));
        usageLabel.setText(vm.usageText(p));
        typesLabel.setText(p.byType().isEmpty() ? "—" : p.byType().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        estimateLabel.setText(p.estimate().estimated().filter(d -> !d.isZero())
                .map(d -> "about " + IncidentTexts.duration(d)).orElse(p.count() == 0 ? "—" : "a few seconds")
                + " — " + p.estimate().basis());
        String skipped = IncidentTexts.skippedByReason(p);
        skippedLabel.setText(skipped.isEmpty() ? "none" : skipped
                + p.skipped().stream().limit(4).map(s -> s.key().name()).collect(Collectors.joining(", ", " — ",
                p.skipped().size() > 4 ? ", …" : "")));
        warningsBox.getChildren().setAll(p.warnings().stream().map(w -> {
            Label l = new Label(w, Icons.icon(Icons.WARNING));
            l.setWrapText(true);
            l.getStyleClass().add("incident-warning");
            return (Node) l;
        }).toList());
        permissionsPane.getChildren().setAll(p.permissionsAtStake().entrySet().stream().limit(24).map(e -> {
            Label chip = new Label(e.getKey() + " ×" + e.getValue());
            chip.getStyleClass().addAll("permission-chip", e.getKey().endsWith(":write") || e.getKey().equals("admin:*")
                    ? Styles.RISK_HIGH : "permission-read");
            return (Node) chip;
        }).toList());
        if (p.permissionsAtStake().size() > 24) {
            permissionsPane.getChildren().add(new Label("… " + (p.permissionsAtStake().size() - 24) + " more"));
        }
        targetsTable.getItems().setAll(p.targets());
    }

    @FXML
    private void refreshInventory() {
        vm.refreshInventory();
    }

    @FXML
    private void start() {
        vm.start();
    }

    // ---- the run -------------------------------------------------------------------------------

    private void setUpRun() {
        stateLabel.textProperty().bind(vm.stateTextProperty());
        planLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.phase() == IncidentViewModel.Phase.PLANNING
                || vm.form().plan() == null ? "" : vm.form().plan().describe(), vm.phaseProperty()));
        progressBar.progressProperty().bind(vm.progressProperty());
        countsLabel.textProperty().bind(vm.countsTextProperty());
        rateLabel.textProperty().bind(Bindings.concat("Rate: ", vm.rateTextProperty()));
        timeLeftLabel.textProperty().bind(vm.timeLeftTextProperty());
        concurrencyLabel.textProperty().bind(vm.concurrencyTextProperty());
        pauseLabel.textProperty().bind(vm.pauseTextProperty());
        pauseLabel.setGraphic(Icons.icon(Icons.PAUSE));
        pauseBox.visibleProperty().bind(vm.pauseTextProperty().isNotEmpty());
        pauseBox.managedProperty().bind(pauseBox.visibleProperty());
        vm.breakGlassLines().addListener((ListChangeListener<String>) c -> showBreakGlass());
        showBreakGlass();
        cancelButton.setGraphic(Icons.icon(Icons.STOP));
        cancelButton.setTooltip(new Tooltip("Stop cleanly: nothing new starts, every key ends in a known state (Esc)"));
        cancelButton.disableProperty().bind(vm.cancellingProperty());
        headlineLabel.textProperty().bind(vm.headlineProperty());
        detailsLabel.textProperty().bind(vm.resultDetailsProperty());
        breakGlassProblemLabel.textProperty().bind(vm.breakGlassProblemProperty());
        shownWhenText(breakGlassProblemLabel);
        reportFolderField.textProperty().bind(vm.reportFolderTextProperty());
        openFolderButton.setGraphic(Icons.icon(Icons.FOLDER));
        openFolderButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.reportFolder().isEmpty(),
                vm.resultProperty()));
        exportReportButton.setGraphic(Icons.icon(Icons.EXPORT));
        retryButton.setGraphic(Icons.icon(Icons.RETRY));
        retryButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.notAsAsked().size();
            return n == 0 ? "Retry failed" : "_Retry the " + IncidentTexts.keys(n) + " not done…";
        }, vm.resultProperty()));
        retryButton.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.retryStateProperty().get().enabled(),
                vm.retryStateProperty()));
        retryButton.managedProperty().bind(retryButton.visibleProperty());
        thawButton.setGraphic(Icons.icon(Icons.THAW));
        thawButton.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.thawStateProperty().get().enabled(),
                vm.thawStateProperty()));
        thawButton.managedProperty().bind(thawButton.visibleProperty());
        afterRunButtons.visibleProperty().bind(retryButton.visibleProperty().or(thawButton.visibleProperty()));
        afterRunButtons.managedProperty().bind(afterRunButtons.visibleProperty());
        newIncidentButton.setGraphic(Icons.icon(Icons.INCIDENT));
        vm.nextStepsProperty().addListener((obs, old, steps) -> showNextSteps(steps));
        showNextSteps(vm.nextStepsProperty().get());
    }

    private void showBreakGlass() {
        breakGlassBox.getChildren().setAll(vm.breakGlassLines().stream().map(line -> {
            Label l = new Label(line);
            l.setWrapText(true);
            return (Node) l;
        }).toList());
        if (!vm.breakGlassLines().isEmpty()) {
            Label title = new Label("Break-glass");
            title.getStyleClass().add(Styles.SECTION_TITLE);
            breakGlassBox.getChildren().add(0, title);
        }
        breakGlassBox.setVisible(!vm.breakGlassLines().isEmpty());
        breakGlassBox.setManaged(breakGlassBox.isVisible());
    }

    private void showPhase() {
        IncidentViewModel.Phase phase = vm.phase();
        boolean planning = phase == IncidentViewModel.Phase.PLANNING;
        boolean finished = phase == IncidentViewModel.Phase.FINISHED;
        planningPane.setVisible(planning);
        runPane.setVisible(!planning);
        cancelButton.setVisible(!planning && !finished);
        cancelButton.setManaged(cancelButton.isVisible());
        newIncidentButton.setVisible(finished);
        newIncidentButton.setManaged(finished);
        resultBox.setVisible(finished);
        resultBox.setManaged(finished);
        progressBar.setVisible(!finished);
        progressBar.setManaged(!finished);
        // Once finished, the headline and the counts say it all: the rate and time left are history.
        runFacts.setVisible(!finished);
        runFacts.setManaged(!finished);
        if (!planning && !finished) {
            cancelButton.requestFocus();
        }
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void newIncident() {
        vm.newIncident();
    }

    @FXML
    private void retryFailed() {
        vm.retryFailed();
    }

    @FXML
    private void thawFrozen() {
        vm.thawWhatWasFrozen();
    }

    @FXML
    private void openFolder() {
        vm.reportFolder().ifPresent(files::showFolder);
    }

    @FXML
    private void exportReport() {
        String ref = vm.form().referenceProperty().get().isBlank() ? "incident"
                : vm.form().referenceProperty().get().replaceAll("[^A-Za-z0-9._-]", "_");
        files.saveAs("Export the incident report", incidentsDir, ref + "-report.json",
                List.of(FileDialogs.Filter.of("JSON report (*.json)", "*.json"),
                        FileDialogs.Filter.of("CSV, one row per key (*.csv)", "*.csv")))
                .ifPresent(vm::exportReport);
    }

    // ---- outcomes and next steps ---------------------------------------------------------------

    private void setUpOutcomes() {
        outcomeFilter.getItems().setAll(IncidentViewModel.OutcomeFilter.values());
        outcomeFilter.valueProperty().bindBidirectional(vm.outcomeFilterProperty());
        SortedList<OutcomeRow> sorted = new SortedList<>(vm.shownOutcomes());
        sorted.comparatorProperty().bind(outcomeTable.comparatorProperty());
        outcomeTable.setItems(sorted);
        text(outNameColumn, OutcomeRow::name);
        text(outPrefixColumn, OutcomeRow::prefix);
        text(outOutcomeColumn, OutcomeRow::label);
        text(outMessageColumn, OutcomeRow::message);
        text(outRequestColumn, OutcomeRow::requestId);
        outAttemptsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().attempts()));
        outOutcomeColumn.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String label, boolean empty) {
                super.updateItem(label, empty);
                getStyleClass().removeAll("outcome-bad", "outcome-good");
                setText(empty ? null : label);
                if (!empty && label != null) {
                    getStyleClass().add(label.equals("failed") || label.equals("not attempted") ? "outcome-bad"
                            : "outcome-good");
                }
            }
        });
        outcomeTable.setPlaceholder(new Label("No key has an outcome yet."));
        outcomeTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        outcomeCount.textProperty().bind(Bindings.createStringBinding(() -> vm.shownOutcomes().size() + " of "
                + IncidentTexts.keys(vm.outcomes().size()), vm.shownOutcomes(), vm.outcomes()));
    }

    private static void text(TableColumn<OutcomeRow, String> column, Function<OutcomeRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private void showNextSteps(NextSteps steps) {
        nextStepsBox.getChildren().clear();
        boolean shown = steps != null;
        nextStepsScroll.setVisible(shown);
        nextStepsScroll.setManaged(shown);
        if (resultSplit.getItems().contains(nextStepsScroll) != shown) {
            if (shown) {
                resultSplit.getItems().add(nextStepsScroll);
                resultSplit.setDividerPositions(0.58);
            } else {
                resultSplit.getItems().remove(nextStepsScroll);
            }
        }
        if (!shown) {
            return;
        }
        Label title = new Label("Next steps");
        title.getStyleClass().add("title-4");
        nextStepsBox.getChildren().add(title);
        if (steps.replacements() != null) {
            nextStepsBox.getChildren().add(replacementsSection(steps.replacements()));
        }
        nextStepsBox.getChildren().add(summarySection(steps));
        nextStepsBox.getChildren().add(useCheckSection(steps.useCheck()));
    }

    private Node replacementsSection(ReplacementWalk walk) {
        Label heading = section("1  Replace the revoked keys");
        Label status = wrapping();
        status.textProperty().bind(walk.statusProperty());
        Button create = new Button();
        create.setId("createReplacement");
        create.textProperty().bind(Bindings.createStringBinding(() -> walk.indexProperty().get() < 0
                ? "_Create replacements…" : "_Create this one…", walk.indexProperty()));
        create.setGraphic(Icons.icon(Icons.ADD));
        create.disableProperty().bind(walk.finishedProperty().or(Bindings.createBooleanBinding(
                () -> walk.keys().isEmpty(), walk.indexProperty())));
        create.setOnAction(e -> walk.createCurrent());
        Button skip = new Button("S_kip");
        skip.disableProperty().bind(walk.walkingProperty().not());
        skip.setOnAction(e -> walk.skip());
        Button stop = new Button("Sto_p");
        stop.disableProperty().bind(walk.walkingProperty().not());
        stop.setOnAction(e -> walk.stop());
        HBox buttons = new HBox(6, create, skip, stop);
        return new VBox(4, heading, status, buttons);
    }

    private Node summarySection(NextSteps steps) {
        Label heading = section("2  Tell the security team");
        Label hint = wrapping();
        hint.setText("A summary to send with the report attached; no secret is in it.");
        TextArea text = new TextArea(steps.summary());
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(9);
        text.getStyleClass().add("incident-summary");
        text.setId("incidentSummary");
        Button copy = new Button("Cop_y summary", Icons.icon(Icons.COPY));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(steps.summary());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = new Button("_Save summary…", Icons.icon(Icons.EXPORT));
        save.setOnAction(e -> files.saveAs("Save the incident summary", incidentsDir,
                        (steps.result().plan().reference().isBlank() ? "incident"
                                : steps.result().plan().reference().replaceAll("[^A-Za-z0-9._-]", "_")) + "-summary.txt",
                        List.of(FileDialogs.Filter.of("Text (*.txt)", "*.txt")))
                .ifPresent(steps::saveSummary));
        return new VBox(4, heading, hint, text, new HBox(6, copy, save));
    }

    private Node useCheckSection(UseCheck check) {
        Label heading = section("3  Check for use since the run");
        Label result = wrapping();
        result.setId("useCheckResult");
        result.textProperty().bind(check.textProperty());
        Button now = new Button("Check _now", Icons.icon(Icons.REFRESH));
        now.setId("checkUse");
        now.disableProperty().bind(check.checkingProperty());
        now.setOnAction(e -> check.check());
        ListView<UseCheck.Use> uses = new ListView<>(check.uses());
        uses.setPrefHeight(110);
        uses.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(UseCheck.Use use, boolean empty) {
                super.updateItem(use, empty);
                setText(empty || use == null ? null : TIME.format(use.at()) + "  " + use.keyName() + "  " + use.type()
                        + (use.ip() == null ? "" : " from " + use.ip())
                        + (use.detail() == null || use.detail().isBlank() ? "" : " (" + use.detail() + ")"));
            }
        });
        uses.visibleProperty().bind(Bindings.isNotEmpty(check.uses()));
        uses.managedProperty().bind(uses.visibleProperty());
        return new VBox(4, heading, result, now, uses);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private static Label wrapping() {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static void shownWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    // ---- for the main window's menu ------------------------------------------------------------

    /** F5 in the workspace: read the server's keys again. */
    public void refresh() {
        if (vm.phase() == IncidentViewModel.Phase.PLANNING) {
            vm.refreshInventory();
        }
    }

    /** Incident › Thaw from a freeze report…: choose the report, then plan its thaw. */
    public void thawFromReport() {
        files.open("Thaw from a freeze report", incidentsDir, List.of(
                        FileDialogs.Filter.of("Incident reports (report.json, journal.jsonl, report.csv)",
                                "*.json", "*.jsonl", "*.csv")))
                .ifPresent(report -> {
                    workspaces.show(Workspaces.Workspace.INCIDENT);
                    vm.thawFromReport(report);
                });
    }

    /** Incident › Identify a leaked secret…. */
    public void identifySecret() {
        IdentifyDialog.show(window(), identify, (key, action) -> launcher.actOnIdentified(key, action, keysChanged));
    }

    /** File › Export the key inventory…: what the table shows, or everything, as CSV or JSON. */
    public void exportInventory() {
        if (!export.connected()) {
            return;
        }
        ExportDialog.ask(window(), export.shownCount()).ifPresent(scope -> files.saveAs("Export the key inventory",
                        null, "keys.csv", List.of(FileDialogs.Filter.of("CSV (*.csv)", "*.csv"),
                                FileDialogs.Filter.of("JSON (*.json)", "*.json")))
                .ifPresent(file -> export.export(scope, file)));
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
