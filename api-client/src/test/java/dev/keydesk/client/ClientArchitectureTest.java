package dev.keydesk.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The client's split as rules: one neutral transport, dialects that do not know each other, plain models. */
class ClientArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keydesk.client");
    }

    @Test
    void theTransportKnowsNoDialect() {
        noClasses().that().resideInAPackage("dev.keydesk.client.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keydesk.client.keydesk..",
                        "dev.keydesk.client.narrative..")
                .because("one transport serves every dialect")
                .check(classes);
    }

    @Test
    void theDialectsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.keydesk.client.keydesk..")
                .should().dependOnClassesThat().resideInAPackage("dev.keydesk.client.narrative..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.keydesk.client.narrative..")
                .should().dependOnClassesThat().resideInAPackage("dev.keydesk.client.keydesk..")
                .check(classes);
    }

    @Test
    void theModelsAndErrorsAreNotAWireFormat() {
        noClasses().that().resideInAnyPackage("dev.keydesk.client.model..", "dev.keydesk.client.error..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "okhttp3..",
                        "dev.keydesk.client.http..", "dev.keydesk.client.keydesk..", "dev.keydesk.client.narrative..")
                .because("each dialect reads its own wire records and converts them")
                .check(classes);
    }

    @Test
    void onlyTheTransportTalksHttp() {
        noClasses().that().resideInAnyPackage("dev.keydesk.client", "dev.keydesk.client.model..",
                        "dev.keydesk.client.error..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..")
                .check(classes);
    }
}
