package dev.almanac.local;

import java.util.Locale;

/** How the local stack runs its services (ADR 0099). */
public enum ServiceHosting {
    /** Every service in one JVM, the services host: the local default, light on memory and CPU. */
    ONE_JVM,
    /** Each service in a JVM of its own, as each runs in a container of its own: kill tests and a rule-expander at low priority. */
    JVM_PER_SERVICE;

    /** {@code one} (the default) or {@code each}. */
    public static final String VARIABLE = "ALMANAC_SERVICE_JVMS";

    /** As {@value #VARIABLE} says, {@link #ONE_JVM} when it is not set. */
    public static ServiceHosting fromEnvironment() {
        return of(System.getenv(VARIABLE));
    }

    static ServiceHosting of(String setting) {
        if (setting == null || setting.isBlank()) {
            return ONE_JVM;
        }
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "one" -> ONE_JVM;
            case "each" -> JVM_PER_SERVICE;
            default -> throw new IllegalArgumentException(VARIABLE + " is '" + setting
                    + "'; it may be one (every service in one JVM, the default) or each (a JVM per service)");
        };
    }
}
