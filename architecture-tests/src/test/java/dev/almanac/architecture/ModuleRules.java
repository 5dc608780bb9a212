package dev.almanac.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The rules of ARCHITECTURE.md's module table, shared by the real check and the planted-violation check. */
final class ModuleRules {

    static final String COMMANDS = "dev.almanac.commands..";
    static final String RULES = "dev.almanac.rules..";
    static final String CONFLICTS = "dev.almanac.conflicts..";
    static final String QUERY = "dev.almanac.query..";

    private ModuleRules() {
    }

    static ArchRule serviceDoesNotImportAnotherService(String service, String... others) {
        return noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk only through Kafka topics, never through each other's code");
    }

    static final String CONTRACTS = "dev.almanac.events..";

    static ArchRule sharedEventsImportsNoFramework() {
        return contractsImportNoFramework(CONTRACTS);
    }

    /** The contracts rule for the classes of {@code contracts}; the real check passes shared-events' packages. */
    static ArchRule contractsImportNoFramework(String contracts) {
        return classes().that().resideInAPackage(contracts)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        contracts, "java..", "com.fasterxml.jackson.annotation..", "org.jspecify.annotations..")
                .because("shared-events is the contracts jar: records and Jackson annotations at most");
    }

    /**
     * Every event record implements exactly one topic's sealed interface. The interfaces are
     * sealed, but {@code AlmanacEvent} cannot be, so this rule closes the gap: an event that
     * implemented only {@code AlmanacEvent} would escape every consumer's decisions.
     */
    static ArchRule everyEventBelongsToATopic(String events, Class<?> event, List<Class<?>> topicInterfaces) {
        return classes().that().resideInAPackage(events).and().areAssignableTo(event).and().areNotInterfaces()
                .should(new ArchCondition<JavaClass>("implement exactly one topic's sealed interface") {
                    @Override
                    public void check(JavaClass item, ConditionEvents conditionEvents) {
                        long topics = topicInterfaces.stream().filter(item::isAssignableTo).count();
                        if (topics != 1) {
                            conditionEvents.add(SimpleConditionEvent.violated(item,
                                    item.getName() + " implements " + topics + " topic interfaces"));
                        }
                    }
                })
                .because("consumers dispatch on the topic interfaces; an event outside them would have no decision");
    }
}
