package org.hotline.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module graph of the README true: platform depends on no other module; every feature module
 * (cti, ivr, routing, ticketing, reporting, console, cluster) depends only on platform; only app wires them together; no cycles.
 * The bench module ({@code org.hotline.bench}) may depend on every module and none may depend on it: it is not on
 * app's class path, so the rule here sees any reference to it from production code, whose jars must not need it.
 */
class ModuleGraphTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // main code only: neither test-classes directories nor the modules' test-jars (shared test helpers)
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.hotline");
    }

    @Test
    void everyModuleIsPresent() {
        for (String pkg : new String[] {"platform", "cti", "ivr", "routing", "ticketing", "reporting", "console",
                "interactions", "cluster", "app"}) {
            org.assertj.core.api.Assertions.assertThat(classes.stream()
                    .anyMatch(c -> c.getPackageName().startsWith("org.hotline." + pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void platformDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.hotline.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hotline.cti..", "org.hotline.ivr..",
                        "org.hotline.routing..", "org.hotline.ticketing..", "org.hotline.reporting..",
                        "org.hotline.console..", "org.hotline.cluster..", "org.hotline.app..")
                .check(classes);
    }

    @Test
    void featureModulesDependOnlyOnPlatform() {
        String[] modules = {"cti", "ivr", "routing", "ticketing", "reporting", "console", "cluster"};
        for (String m : modules) {
            String[] others = java.util.Arrays.stream(modules).filter(o -> !o.equals(m))
                    .map(o -> "org.hotline." + o + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("org.hotline." + m + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAPackage("org.hotline.app..")
                    .check(classes);
        }
    }

    /** The application layer sits over the platform's ports only: the edges call it, it calls no edge or domain module. */
    @Test
    void interactionsDependsOnlyOnPlatform() {
        noClasses().that().resideInAPackage("org.hotline.interactions..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hotline.cti..", "org.hotline.ivr..",
                        "org.hotline.routing..", "org.hotline.ticketing..", "org.hotline.reporting..",
                        "org.hotline.console..", "org.hotline.cluster..", "org.hotline.app..")
                .check(classes);
    }

    @Test
    void noModuleDependsOnTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("org.hotline.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.hotline.bench..")
                .check(classes);
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("org.hotline.(*)..").should().beFreeOfCycles().check(classes);
    }
}
