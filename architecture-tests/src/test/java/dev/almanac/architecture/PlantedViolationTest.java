package dev.almanac.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import dev.almanac.architecture.planted.catalogue.PlantedCatalogue;
import dev.almanac.architecture.planted.conflicts.PlantedDetector;
import dev.almanac.architecture.planted.events.PlantedEvent;
import dev.almanac.architecture.planted.rules.PlantedExpander;
import dev.almanac.architecture.planted.service.web.PlantedFilter;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.TopicContract;

/**
 * The rules are only worth something if they can fail: classes planted in this test source
 * break them on purpose, and each rule must report the break.
 */
class PlantedViolationTest {

    private static final String PLANTED_EVENTS = "dev.almanac.architecture.planted.events..";
    private static final String PLANTED = "dev.almanac.architecture.planted";

    private final JavaClasses planted = new ClassFileImporter()
            .importPackagesOf(PlantedExpander.class, PlantedDetector.class, PlantedEvent.class);

    /** Every planted package, the cycles' and the acyclic ones' alike, as the real rule sees a whole module. */
    private final JavaClasses plantedTree = new ClassFileImporter().importPackages(PLANTED);

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
        assertThatThrownBy(() -> ModuleRules.contractsImportNoFramework(PLANTED_EVENTS).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedEvent")
                .hasMessageContaining("org.springframework");
    }

    @Test
    void anEventOutsideEveryTopicIsCaught() {
        assertThatThrownBy(() -> ModuleRules.everyEventBelongsToATopic(PLANTED_EVENTS, AlmanacEvent.class,
                EventCatalog.topics().stream().<Class<?>>map(TopicContract::events).toList()).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedStrayEvent implements 0 topic interfaces");
    }

    @Test
    void aCycleBetweenAFeatureAndThePlumbingIsCaught() {
        assertThatThrownBy(() -> ModuleRules.packagesFreeOfCycles(PLANTED + ".service").check(plantedTree))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Slice feature")
                .hasMessageContaining("Slice web")
                .hasMessageContaining(PlantedFilter.class.getName());
    }

    @Test
    void aCycleThroughAModulesRootPackageIsCaught() {
        assertThatThrownBy(() -> ModuleRules.packagesFreeOfCycles(PLANTED + ".catalogue").check(plantedTree))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Slice kind")
                .hasMessageContaining(PlantedCatalogue.class.getName());
    }

    /** Seen from one level up, rules -> conflicts is a dependency in one direction only, and the planted cycles lie inside one slice each. */
    @Test
    void aDependencyInOneDirectionIsNotACycle() {
        ModuleRules.packagesFreeOfCycles(PLANTED).check(plantedTree);
    }
}
