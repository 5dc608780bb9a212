package dev.almanac.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import dev.almanac.architecture.planted.conflicts.PlantedDetector;
import dev.almanac.architecture.planted.events.PlantedEvent;
import dev.almanac.architecture.planted.rules.PlantedExpander;

/**
 * The rules are only worth something if they can fail: classes planted in this test source
 * break them on purpose, and each rule must report the break.
 */
class PlantedViolationTest {

    private final JavaClasses planted = new ClassFileImporter()
            .importPackagesOf(PlantedExpander.class, PlantedDetector.class, PlantedEvent.class);

    @Test
    void aServiceImportingAnotherServiceIsCaught() {
        assertThatThrownBy(() -> ModuleRules.serviceDoesNotImportAnotherService(
                "dev.almanac.architecture.planted.rules..", "dev.almanac.architecture.planted.conflicts..").check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedExpander")
                .hasMessageContaining("PlantedDetector");
    }

    @Test
    void aFrameworkImportInTheContractsIsCaught() {
        var rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAPackage("dev.almanac.architecture.planted.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.almanac.architecture.planted.events..", "java..", "com.fasterxml.jackson.annotation..",
                        "org.jspecify.annotations..");

        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework");
    }
}
