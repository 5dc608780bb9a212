package dev.almanac.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;

/**
 * The compiled main classes of every Almanac module, read from {@code <module>/target/classes}.
 * A missing directory fails the run: rules checked against nothing would prove nothing.
 */
class AlmanacModules implements LocationProvider {

    static final List<String> MODULES = List.of("shared-events", "shared-recurrence", "shared-platform",
            "command-service", "rule-expander", "conflict-detector", "query-service", "deploy/embedded", "deploy/local");

    @Override
    public Set<Location> get(Class<?> testClass) {
        Path repository = Path.of(System.getProperty("almanac.repository", "..")).toAbsolutePath().normalize();
        Set<Location> locations = new LinkedHashSet<>();
        for (String module : MODULES) {
            Path classes = repository.resolve(module).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException(classes + " is missing; compile the whole reactor first (./mvnw verify)");
            }
            locations.add(Location.of(classes));
        }
        return locations;
    }
}
