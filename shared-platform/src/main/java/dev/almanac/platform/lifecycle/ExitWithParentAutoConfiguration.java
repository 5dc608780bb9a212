package dev.almanac.platform.lifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@code almanac.exit-with-parent=true} (the local stack sets ALMANAC_EXIT_WITH_PARENT for its services): the service
 * stops once the launcher that started it has ended. Off elsewhere, where a supervisor owns the process.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("almanac.exit-with-parent")
public class ExitWithParentAutoConfiguration {

    @Bean
    ExitWithParent exitWithParent() {
        return ExitWithParent.arm();
    }
}
