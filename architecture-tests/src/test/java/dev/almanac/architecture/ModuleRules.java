package dev.almanac.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The rules of ARCHITECTURE.md's module table, shared by the real check and the planted-violation check. */
final class ModuleRules {

    static final String COMMANDS = "dev.almanac.commands..";
    static final String RULES = "dev.almanac.rules..";
    static final String CONFLICTS = "dev.almanac.conflicts..";
    static final String QUERY = "dev.almanac.query..";
    static final String DISPATCH = "dev.almanac.dispatch..";
    static final String EXECUTOR = "dev.almanac.executor..";

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

    /** Each module's root package; the reactor's modules and the roots are checked to match in ModuleBoundariesTest. */
    static final List<String> MODULE_ROOTS = List.of("dev.almanac.events", "dev.almanac.recurrence", "dev.almanac.platform",
            "dev.almanac.commands", "dev.almanac.rules", "dev.almanac.conflicts", "dev.almanac.query", "dev.almanac.dispatch",
            "dev.almanac.executor", "dev.almanac.embedded", "dev.almanac.local", "dev.almanac.tools", "dev.almanac.benchmarks",
            "dev.almanac.console", "dev.almanac.tui");

    /**
     * No package of the module under {@code root} imports, through any chain, a package that imports it back. Each
     * package directly under the root, with everything beneath it, is one slice ({@code calendar} for
     * {@code dev.almanac.query.calendar..}); the root package's own classes are a slice of their own, so a root
     * that lists its subpackages' types while they use its types is a cycle too. One rule a module: ArchUnit 1.5
     * was seen to report the cycles of one module and drop another's when both were checked in one graph. The rule
     * reads bytecode, where javac has copied another package's compile-time constants into their users, so a package
     * that uses only another's constants does not depend on it here.
     */
    static ArchRule packagesFreeOfCycles(String root) {
        return slices().assignedFrom(new ModulePackages(root)).should().beFreeOfCycles()
                .because("a feature may use the plumbing below it, and the plumbing never a feature (STYLE.md, Inside a service)");
    }

    /** Assigns a class of the module under {@code root} to the root package or to the package directly under it. */
    private record ModulePackages(String root) implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(root)) {
                return SliceIdentifier.of("(root) " + root);
            }
            if (!name.startsWith(root + ".")) {
                return SliceIdentifier.ignore();
            }
            String below = name.substring(root.length() + 1);
            int end = below.indexOf('.');
            return SliceIdentifier.of(end < 0 ? below : below.substring(0, end));
        }

        @Override
        public String getDescription() {
            return "the packages of " + root;
        }
    }
}
