package dev.almanac.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.almanac.architecture.ModuleRules.COMMANDS;
import static dev.almanac.architecture.ModuleRules.CONFLICTS;
import static dev.almanac.architecture.ModuleRules.DISPATCH;
import static dev.almanac.architecture.ModuleRules.EXECUTOR;
import static dev.almanac.architecture.ModuleRules.QUERY;
import static dev.almanac.architecture.ModuleRules.RULES;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.TopicContract;

@AnalyzeClasses(locations = AlmanacModules.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule commandServiceImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(COMMANDS, RULES, CONFLICTS, QUERY, DISPATCH, EXECUTOR);

    @ArchTest
    static final ArchRule ruleExpanderImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(RULES, COMMANDS, CONFLICTS, QUERY, DISPATCH, EXECUTOR);

    @ArchTest
    static final ArchRule conflictDetectorImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(CONFLICTS, COMMANDS, RULES, QUERY, DISPATCH, EXECUTOR);

    @ArchTest
    static final ArchRule queryServiceImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(QUERY, COMMANDS, RULES, CONFLICTS, DISPATCH, EXECUTOR);

    @ArchTest
    static final ArchRule dispatcherImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(DISPATCH, COMMANDS, RULES, CONFLICTS, QUERY, EXECUTOR);

    @ArchTest
    static final ArchRule executorImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(EXECUTOR, COMMANDS, RULES, CONFLICTS, QUERY, DISPATCH);

    @ArchTest
    static final ArchRule sharedEventsImportsNoFramework = ModuleRules.sharedEventsImportsNoFramework();

    @ArchTest
    static final ArchRule everyEventBelongsToATopic = ModuleRules.everyEventBelongsToATopic(ModuleRules.CONTRACTS,
            // A copy topic (almanac.missed-runs.v1) shares its original's interface: each interface counts once.
            AlmanacEvent.class, EventCatalog.topics().stream().<Class<?>>map(TopicContract::events).distinct().toList());

    @ArchTest
    static final ArchRule sharedRecurrenceStaysFreeOfSpringKafkaAndMongo = noClasses()
            .that().resideInAPackage("dev.almanac.recurrence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..", "org.axonframework..")
            .because("shared-recurrence is a plain library that both rule-expander and query-service embed");

    @ArchTest
    static final ArchRule sharedModulesDependOnNoService = noClasses()
            .that().resideInAnyPackage("dev.almanac.events..", "dev.almanac.recurrence..", "dev.almanac.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(COMMANDS, RULES, CONFLICTS, QUERY, DISPATCH, EXECUTOR)
            .because("shared modules sit below the services");

    @ArchTest
    static final ArchRule sharedEventsHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.events");

    @ArchTest
    static final ArchRule sharedRecurrenceHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.recurrence");

    @ArchTest
    static final ArchRule sharedPlatformHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.platform");

    @ArchTest
    static final ArchRule commandServiceHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.commands");

    @ArchTest
    static final ArchRule ruleExpanderHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.rules");

    @ArchTest
    static final ArchRule conflictDetectorHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.conflicts");

    @ArchTest
    static final ArchRule queryServiceHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.query");

    @ArchTest
    static final ArchRule dispatcherHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.dispatch");

    @ArchTest
    static final ArchRule executorHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.executor");

    @ArchTest
    static final ArchRule embeddedHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.embedded");

    @ArchTest
    static final ArchRule localHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.local");

    @ArchTest
    static final ArchRule consoleHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.console");

    @ArchTest
    static final ArchRule tuiHasNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.tui");

    /** almanac-tui is a client of the public HTTP APIs like any frontend: no other module, no framework. */
    @ArchTest
    static final ArchRule tuiUsesOnlyThePublicApis = noClasses()
            .that().resideInAPackage("dev.almanac.tui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.almanac.events..", "dev.almanac.recurrence..",
                    "dev.almanac.platform..", COMMANDS, RULES, CONFLICTS, QUERY, DISPATCH, EXECUTOR, "dev.almanac.console..",
                    "dev.almanac.local..", "dev.almanac.embedded..", "org.springframework..", "org.apache.kafka..", "com.mongodb..")
            .because("the terminal client calls only the public HTTP APIs and SSE (ARCHITECTURE.md, almanac-tui)");

    /** tools/command-line and tools/dlt-replay, one slice each. */
    @ArchTest
    static final ArchRule toolsHaveNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.tools");

    @ArchTest
    static final ArchRule benchmarksHaveNoPackageCycle = ModuleRules.packagesFreeOfCycles("dev.almanac.benchmarks");

    /**
     * The cycle rules above cover every module: each module root that the reactor's classes hold has its rule, so a
     * module added to the reactor fails here until it gets one.
     */
    @ArchTest
    static void everyModuleRootHasACycleRule(JavaClasses classes) {
        Set<String> roots = classes.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith("dev.almanac."))
                .map(name -> String.join(".", Arrays.asList(name.split("\\.")).subList(0, 3)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(roots).containsExactlyInAnyOrderElementsOf(ModuleRules.MODULE_ROOTS);
    }

    @ArchTest
    static final ArchRule onlyCommandServiceUsesAxon = noClasses()
            .that().resideOutsideOfPackage(COMMANDS)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
            .because("the event store belongs to command-service; other services read Kafka");
}
