package dev.almanac.commands.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/**
 * command-service's packages are by feature, each holding its aggregate, commands and web adapter
 * (STYLE.md). Only the adapter may use the shared web plumbing in {@code web}: the aggregates,
 * commands and their collaborators take what every command carries from {@code command}, so that
 * they can be driven by anything that sends commands (a test fixture, the emergency sweep).
 */
@AnalyzeClasses(packages = "dev.almanac.commands", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainBoundaryTest {

    static final String WEB = "dev.almanac.commands.web..";

    /** The domain: the root (CommandRejectedException), what commands carry, and the feature packages. */
    static final String[] DOMAIN = {"dev.almanac.commands", "dev.almanac.commands.command..", "dev.almanac.commands.calendar..",
            "dev.almanac.commands.item..", "dev.almanac.commands.resource..", "dev.almanac.commands.rule..",
            "dev.almanac.commands.run.."};

    /**
     * A web adapter is a controller, or a record the controller reads a request body into (named
     * {@code …Request} or {@code …Body}), with the classes nested in either.
     */
    static final DescribedPredicate<JavaClass> WEB_ADAPTER = new DescribedPredicate<>("web adapters (controllers and request bodies)") {
        @Override
        public boolean test(JavaClass javaClass) {
            JavaClass outermost = javaClass;
            while (outermost.getEnclosingClass().isPresent()) {
                outermost = outermost.getEnclosingClass().get();
            }
            String name = outermost.getSimpleName();
            return outermost.isAnnotatedWith(RestController.class)
                    || outermost.isRecord() && (name.endsWith("Request") || name.endsWith("Body"));
        }
    };

    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = domainDoesNotDependOnWeb(WEB, DOMAIN);

    static ArchRule domainDoesNotDependOnWeb(String web, String... domain) {
        return noClasses()
                .that().resideInAnyPackage(domain).and(DescribedPredicate.not(WEB_ADAPTER))
                .should().dependOnClassesThat().resideInAPackage(web)
                .because("the domain takes what a command carries from dev.almanac.commands.command; only a feature's "
                        + "controllers and request bodies use the web plumbing");
    }
}
