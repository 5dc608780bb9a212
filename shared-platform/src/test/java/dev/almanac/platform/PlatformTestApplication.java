package dev.almanac.platform;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest application the platform's slice and integration tests need. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlatformTestApplication {
}
