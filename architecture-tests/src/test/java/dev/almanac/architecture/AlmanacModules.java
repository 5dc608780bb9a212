package dev.almanac.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;

/**
 * The compiled main classes of every Almanac module, read from {@code <module>/target/classes}. The modules
 * are those the root {@code pom.xml} lists, this one excepted, so a module added to the reactor is checked
 * without anyone remembering to add it here. A missing directory fails the run: rules checked against
 * nothing would prove nothing.
 */
class AlmanacModules implements LocationProvider {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final String THIS_MODULE = "architecture-tests";

    @Override
    public Set<Location> get(Class<?> testClass) {
        Path repository = repository();
        Set<Location> locations = new LinkedHashSet<>();
        for (String module : modules(repository)) {
            Path classes = repository.resolve(module).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException(classes + " is missing; compile the whole reactor first (./mvnw verify)");
            }
            locations.add(Location.of(classes));
        }
        return locations;
    }

    static Path repository() {
        return Path.of(System.getProperty("almanac.repository", "..")).toAbsolutePath().normalize();
    }

    /** The reactor's modules in the root pom's order, without this one. */
    static List<String> modules(Path repository) {
        String pom;
        try {
            pom = Files.readString(repository.resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher module = MODULE.matcher(pom.replaceAll("(?s)<!--.*?-->", ""));
        List<String> modules = module.results().map(found -> found.group(1).trim()).filter(name -> !name.equals(THIS_MODULE)).toList();
        if (modules.isEmpty()) {
            throw new IllegalStateException(repository.resolve("pom.xml") + " lists no modules");
        }
        return modules;
    }
}
