package dev.almanac.local;

import java.nio.file.Path;

/** The checkout under test, whose files and built jars the tests read. */
public final class Checkout {

    private Checkout() {
    }

    /** {@code -Dalmanac.repository} (the build sets it to the reactor's root), or the checkout this module is in. */
    public static Path root() {
        return Path.of(System.getProperty("almanac.repository", "../..")).toAbsolutePath().normalize();
    }
}
