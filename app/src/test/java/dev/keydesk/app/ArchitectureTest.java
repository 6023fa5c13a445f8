package dev.keydesk.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The structure rules of style.md, as tests: views do no HTTP, the client has no UI, one thread maker. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keydesk.app", "dev.keydesk.client");
    }

    @Test
    void viewsAndDialogsDoNotTalkToTheServer() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.keydesk.app..")
                .and().haveSimpleNameEndingWith("View").or().haveSimpleNameEndingWith("Dialog")
                .should().dependOnClassesThat().belongToAnyOf(KeyApi.class, KeyApis.class)
                .because("a view binds to its view model; the view model calls the API through the TaskRunner");
        rule.check(classes);
    }

    /**
     * Wider than the naming rule above: any class that builds scene-graph nodes (views, dialogs,
     * FxKeyDialogs, the status bar, whatever its name) never calls the API itself. Building a
     * client for a view model to use (Test this key) is allowed; calling one is not.
     */
    @Test
    void nothingThatBuildsTheSceneGraphCallsTheApi() {
        noClasses().that().resideInAPackage("dev.keydesk.app..")
                .and(DescribedPredicate.describe("use javafx.scene", (JavaClass c) ->
                        c.getDirectDependenciesFromSelf().stream()
                                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("javafx.scene"))))
                .should().callMethodWhere(JavaCall.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(KeyApi.class))))
                .because("UI code binds to view models; they call the API through the TaskRunner")
                .check(classes);
    }

    @Test
    void theAppUsesNoHttpLibraryDirectly() {
        noClasses().that().resideInAPackage("dev.keydesk.app..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.net.http..")
                .because("all HTTP goes through the typed client (api-client)")
                .check(classes);
    }

    @Test
    void theAppReachesTheLocalServerOnlyThroughCore() {
        noClasses().that().resideInAPackage("dev.keydesk.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.keydesk.server..")
                .because("starting the embedded server is core's (the command line does it too)")
                .check(classes);
    }

    @Test
    void theClientKnowsNothingOfJavaFx() {
        noClasses().that().resideInAPackage("dev.keydesk.client..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the client is a plain library, usable from a CLI or a server")
                .check(classes);
    }

    @Test
    void onlyTheTaskRunnerMakesThreads() {
        DescribedPredicate<JavaConstructorCall> threadConstructor = DescribedPredicate.describe(
                "a Thread constructor", call -> call.getTargetOwner().isAssignableTo(Thread.class));
        noClasses().that().resideInAPackage("dev.keydesk.app..")
                .and().haveNameNotMatching("dev\\.keydesk\\.app\\.common\\.FxTaskRunner(\\$.*)?")
                .should().callConstructorWhere(threadConstructor)
                .because("slow work goes through the one TaskRunner, which can cancel it and stops with the app")
                .check(classes);
    }
}
