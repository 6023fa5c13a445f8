package dev.keydesk.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** core is the engine the app and the command line share: it must run without any UI toolkit. */
class CoreArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keydesk.core");
    }

    @Test
    void coreUsesNoJavaFx() {
        noClasses().that().resideInAPackage("dev.keydesk.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .because("the command line runs the same engine on a terminal, without a UI toolkit")
                .check(classes);
    }

    @Test
    void javaFxIsNotEvenOnCoresClasspath() {
        // The pom brings no JavaFX: if one ever does, this fails before any code starts using it.
        assertThatThrownBy(() -> Class.forName("javafx.application.Platform"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void coreUsesNoHttpLibraryDirectly() {
        noClasses().that().resideInAPackage("dev.keydesk.core..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.net.http..")
                .because("all HTTP goes through the typed client (api-client)")
                .check(classes);
    }
}
