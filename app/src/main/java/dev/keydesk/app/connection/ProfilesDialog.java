package dev.keydesk.app.connection;

import dev.keydesk.app.common.Styles;
import dev.keydesk.client.Dialect;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The Connections dialog: the view of {@link ProfilesViewModel}. It only binds and forwards;
 * the rules live in the view model.
 */
public final class ProfilesDialog {

    static final String TITLE = "Connections";

    private final ProfilesViewModel viewModel;

    @FXML private ListView<Profile> profileList;
    @FXML private Button addButton;
    @FXML private Button deleteButton;
    @FXML private TextField nameField;
    @FXML private Label nameError;
    @FXML private TextField baseUrlField;
    @FXML private Label baseUrlError;
    @FXML private ComboBox<Environment> environmentBox;
    @FXML private ComboBox<Profile.KeySource> keySourceBox;
    @FXML private Label envVarLabel;
    @FXML private TextField envVarField;
    @FXML private Label keyLabel;
    @FXML private PasswordField keyField;
    @FXML private Label keyError;
    @FXML private ComboBox<Dialect> dialectBox;
    @FXML private Button detectButton;
    @FXML private Label detectResult;
    @FXML private Label narrativeTargetLabel;
    @FXML private ComboBox<NarrativeTarget> narrativeTargetBox;
    @FXML private javafx.scene.layout.HBox resetBox;
    @FXML private Button resetButton;
    @FXML private Label notice;
    @FXML private Label testResult;
    @FXML private Button testButton;
    @FXML private Button saveButton;
    @FXML private Button connectButton;
    @FXML private Button closeButton;

    private Stage stage;

    public ProfilesDialog(ProfilesViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    /** Opens the dialog over {@code owner} (may be null) and returns at once. */
    public Stage show(Window owner) {
        FXMLLoader loader = new FXMLLoader(ProfilesDialog.class.getResource("ProfilesDialog.fxml"));
        loader.setController(this); // the FXML names no controller: this instance is it
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("ProfilesDialog.fxml could not be loaded", e);
        }
        stage = new Stage();
        stage.setTitle(TITLE);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            // The owner's stylesheets carry the theme and the app's colours.
            if (owner.getScene() != null) {
                root.getStylesheets().addAll(0, owner.getScene().getStylesheets());
            }
        }
        Scene scene = new Scene(root);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), viewModel::newProfile);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), viewModel::testConnection);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), viewModel::save);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        profileList.setItems(viewModel.profiles());
        profileList.setCellFactory(list -> new ProfileCell());
        profileList.getSelectionModel().select(viewModel.selectedProperty().get());
        profileList.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null && !now.equals(viewModel.selectedProperty().get())) {
                viewModel.select(now);
            }
        });
        viewModel.selectedProperty().addListener((o, old, now) -> {
            if (now != null && profileList.getItems().contains(now)) {
                profileList.getSelectionModel().select(now);
            } else {
                profileList.getSelectionModel().clearSelection();
            }
        });

        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        baseUrlField.textProperty().bindBidirectional(viewModel.baseUrlProperty());
        envVarField.textProperty().bindBidirectional(viewModel.envVarNameProperty());
        keyField.textProperty().bindBidirectional(viewModel.keyInputProperty());

        environmentBox.getItems().setAll(ProfilesViewModel.CHOOSABLE_ENVIRONMENTS);
        environmentBox.setConverter(converter(Environment::label));
        environmentBox.setCellFactory(list -> new EnvironmentCell());
        environmentBox.setButtonCell(new EnvironmentCell());
        environmentBox.valueProperty().bindBidirectional(viewModel.environmentProperty());

        keySourceBox.getItems().setAll(ProfilesViewModel.CHOOSABLE_KEY_SOURCES);
        keySourceBox.setConverter(converter(ProfilesDialog::keySourceLabel));
        keySourceBox.valueProperty().bindBidirectional(viewModel.keySourceProperty());

        dialectBox.getItems().setAll(ProfilesViewModel.CHOOSABLE_DIALECTS);
        dialectBox.setConverter(converter(ProfilesDialog::dialectLabel));
        dialectBox.valueProperty().bindBidirectional(viewModel.dialectProperty());
        narrativeTargetBox.getItems().setAll(ProfilesViewModel.NARRATIVE_TARGETS);
        narrativeTargetBox.setConverter(converter(NarrativeTarget::label));
        narrativeTargetBox.valueProperty().bindBidirectional(viewModel.narrativeTargetProperty());
        var narrative = dialectBox.valueProperty().isEqualTo(Dialect.NARRATIVE);
        bindError(detectResult, viewModel.detectResultProperty());
        viewModel.detectFailedProperty().addListener((o, was, failed) -> toggle(detectResult, "failed", failed));
        keyField.promptTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(viewModel::keyPrompt,
                viewModel.dialectProperty()));
        envVarField.promptTextProperty().bind(javafx.beans.binding.Bindings.when(narrative)
                .then(dev.keydesk.client.narrative.NarrativeEnvironment.API_KEY)
                .otherwise(ProfilesViewModel.KEYDESK_VARIABLE));
        showWhen(resetBox, viewModel.resetOfferedProperty());

        var editable = viewModel.editableProperty();
        for (var control : new javafx.scene.control.Control[]{nameField, baseUrlField, environmentBox, keySourceBox,
                envVarField, keyField, dialectBox, narrativeTargetBox}) {
            control.disableProperty().bind(editable.not());
        }
        showWhen(narrativeTargetLabel, narrative.and(editable));
        showWhen(narrativeTargetBox, narrative.and(editable));
        var fromEnvironment = keySourceBox.valueProperty().isEqualTo(Profile.KeySource.ENVIRONMENT);
        var typed = keySourceBox.valueProperty().isEqualTo(Profile.KeySource.KEYRING)
                .or(keySourceBox.valueProperty().isEqualTo(Profile.KeySource.SESSION_ONLY));
        showWhen(envVarLabel, fromEnvironment.and(editable));
        showWhen(envVarField, fromEnvironment.and(editable));
        showWhen(keyLabel, typed.and(editable));
        showWhen(keyField, typed.and(editable));

        bindError(nameError, viewModel.nameErrorProperty());
        bindError(baseUrlError, viewModel.baseUrlErrorProperty());
        bindError(keyError, viewModel.keyErrorProperty());
        bindError(notice, viewModel.noticeProperty());
        bindError(testResult, viewModel.testResultProperty());
        viewModel.testFailedProperty().addListener((o, was, failed) -> toggle(testResult, "failed", failed));

        var busy = viewModel.busyProperty();
        addButton.disableProperty().bind(busy);
        deleteButton.disableProperty().bind(busy.or(editable.not()));
        testButton.disableProperty().bind(busy.or(viewModel.validProperty().not()));
        detectButton.disableProperty().bind(busy.or(editable.not()).or(viewModel.validProperty().not()));
        resetButton.disableProperty().bind(busy);
        saveButton.disableProperty().bind(busy.or(editable.not()).or(viewModel.validProperty().not()));
        connectButton.disableProperty().bind(busy.or(viewModel.validProperty().not()));

        viewModel.finishedProperty().addListener((o, was, done) -> {
            if (done && stage != null) {
                stage.close();
            }
        });
    }

    @FXML
    private void onAdd() {
        viewModel.newProfile();
        nameField.requestFocus();
        nameField.selectAll();
    }

    @FXML
    private void onDelete() {
        viewModel.delete();
    }

    @FXML
    private void onTest() {
        viewModel.testConnection();
    }

    @FXML
    private void onDetect() {
        viewModel.detect();
    }

    @FXML
    private void onReset() {
        viewModel.resetLocalAdminKey();
    }

    @FXML
    private void onSave() {
        viewModel.save();
    }

    @FXML
    private void onConnect() {
        viewModel.connect();
    }

    @FXML
    private void onClose() {
        if (stage != null) {
            stage.close();
        }
    }

    static String keySourceLabel(Profile.KeySource source) {
        return switch (source) {
            case ENVIRONMENT -> "Environment variable";
            case KEYRING -> "OS keyring";
            case SESSION_ONLY -> "This session only (asked again next time)";
            case EMBEDDED -> "Local server's key file";
        };
    }

    static String dialectLabel(Dialect dialect) {
        return switch (dialect) {
            case KEYDESK -> "KeyDesk key server";
            case NARRATIVE -> "Narrative platform (access tokens)";
        };
    }

    private static void showWhen(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static void bindError(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        showWhen(label, javafx.beans.binding.Bindings.isNotEmpty(text));
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
    }

    private static void toggle(javafx.scene.Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A profile in the list: its name, with its environment as a coloured tag. */
    private static final class ProfileCell extends ListCell<Profile> {
        @Override
        protected void updateItem(Profile profile, boolean empty) {
            super.updateItem(profile, empty);
            if (empty || profile == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(profile.name());
            Label tag = new Label(profile.environment().label().toUpperCase(java.util.Locale.ROOT));
            tag.getStyleClass().addAll(EnvironmentBadge.STYLE_CLASS, "small", Styles.environment(profile.environment()));
            if (profile.dialect() == Dialect.NARRATIVE) {
                // Which API is as easy to mistake as which environment: the list says both, the API
                // on a second line so that the name keeps its width.
                setText(null);
                Label name = new Label(profile.name());
                Label api = new Label("Narrative access tokens");
                api.getStyleClass().addAll("dialect-tag", "text-muted", "text-small");
                javafx.scene.layout.VBox lines = new javafx.scene.layout.VBox(0, name, api);
                javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(6, tag, lines);
                row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                setGraphic(row);
            } else {
                setGraphic(tag);
            }
            setAccessibleText(profile.name() + ", environment " + profile.environment().label().toLowerCase(java.util.Locale.ROOT)
                    + (profile.dialect() == Dialect.NARRATIVE ? ", Narrative platform" : ""));
        }
    }

    private static final class EnvironmentCell extends ListCell<Environment> {
        @Override
        protected void updateItem(Environment environment, boolean empty) {
            super.updateItem(environment, empty);
            getStyleClass().removeIf(c -> c.startsWith("env-"));
            if (empty || environment == null) {
                setText(null);
                return;
            }
            setText(environment.label());
            getStyleClass().add(Styles.environment(environment));
        }
    }
}
