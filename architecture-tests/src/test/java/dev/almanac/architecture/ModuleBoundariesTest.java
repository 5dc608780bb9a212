package dev.almanac.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.almanac.architecture.ModuleRules.COMMANDS;
import static dev.almanac.architecture.ModuleRules.CONFLICTS;
import static dev.almanac.architecture.ModuleRules.QUERY;
import static dev.almanac.architecture.ModuleRules.RULES;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.TopicContract;

@AnalyzeClasses(locations = AlmanacModules.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule commandServiceImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(COMMANDS, RULES, CONFLICTS, QUERY);

    @ArchTest
    static final ArchRule ruleExpanderImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(RULES, COMMANDS, CONFLICTS, QUERY);

    @ArchTest
    static final ArchRule conflictDetectorImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(CONFLICTS, COMMANDS, RULES, QUERY);

    @ArchTest
    static final ArchRule queryServiceImportsNoOtherService =
            ModuleRules.serviceDoesNotImportAnotherService(QUERY, COMMANDS, RULES, CONFLICTS);

    @ArchTest
    static final ArchRule sharedEventsImportsNoFramework = ModuleRules.sharedEventsImportsNoFramework();

    @ArchTest
    static final ArchRule everyEventBelongsToATopic = ModuleRules.everyEventBelongsToATopic(ModuleRules.CONTRACTS,
            AlmanacEvent.class, EventCatalog.topics().stream().<Class<?>>map(TopicContract::events).toList());

    @ArchTest
    static final ArchRule sharedRecurrenceStaysFreeOfSpringKafkaAndMongo = noClasses()
            .that().resideInAPackage("dev.almanac.recurrence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..", "org.axonframework..")
            .because("shared-recurrence is a plain library that both rule-expander and query-service embed");

    @ArchTest
    static final ArchRule sharedModulesDependOnNoService = noClasses()
            .that().resideInAnyPackage("dev.almanac.events..", "dev.almanac.recurrence..", "dev.almanac.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(COMMANDS, RULES, CONFLICTS, QUERY)
            .because("shared modules sit below the services");

    /** Every module the reactor builds, services, shared modules, deploy/embedded, deploy/local and tools alike. */
    @ArchTest
    static final ArchRule noModuleHasAPackageCycle = ModuleRules.packagesFreeOfCycles(ModuleRules.ALMANAC);

    @ArchTest
    static final ArchRule onlyCommandServiceUsesAxon = noClasses()
            .that().resideOutsideOfPackage(COMMANDS)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
            .because("the event store belongs to command-service; other services read Kafka");
}
