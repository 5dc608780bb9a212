package dev.almanac.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

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

    static ArchRule sharedEventsImportsNoFramework() {
        return classes().that().resideInAPackage("dev.almanac.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.almanac.events..", "java..", "com.fasterxml.jackson.annotation..", "org.jspecify.annotations..")
                .because("shared-events is the contracts jar: records and Jackson annotations at most");
    }
}
