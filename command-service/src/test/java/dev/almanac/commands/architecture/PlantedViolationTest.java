package dev.almanac.commands.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.architecture.planted.item.PlantedAggregate;
import dev.almanac.commands.architecture.planted.item.PlantedCommand;
import dev.almanac.commands.architecture.planted.item.PlantedController;
import dev.almanac.commands.architecture.planted.item.PlantedRequest;

/** The domain rule is only worth something if it can fail: classes planted in this test source break it on purpose. */
class PlantedViolationTest {

    private static final String PLANTED = "dev.almanac.commands.architecture.planted..";

    @Test
    void anAggregateThatUsesTheWebPlumbingIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedAggregate.class, PlantedController.class,
                PlantedRequest.class);

        assertThatThrownBy(() -> DomainBoundaryTest.domainDoesNotDependOnWeb(DomainBoundaryTest.WEB, PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedAggregate")
                .hasMessageContaining("dev.almanac.commands.web.Versions")
                .hasMessageNotContaining("PlantedController")
                .hasMessageNotContaining("PlantedRequest");
    }

    @Test
    void aControllerAndItsRequestBodyMayUseItAndACommandNeedsOnlyTheCommandPackage() {
        JavaClasses kept = new ClassFileImporter().importClasses(PlantedController.class, PlantedRequest.class,
                PlantedCommand.class);

        assertThatCode(() -> DomainBoundaryTest.domainDoesNotDependOnWeb(DomainBoundaryTest.WEB, PLANTED).check(kept))
                .doesNotThrowAnyException();
    }
}
