package dev.almanac.recurrence;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRulesProvider;

/** The tz database java.time resolves zones with, whose version is recorded on each occurrence. */
public final class Tzdata {

    private Tzdata() {
    }

    /**
     * The version, such as {@code 2025a}, of the tz data java.time uses for {@code zone}. A fixed
     * offset needs no tz data; for it, the version of the database the JVM carries is returned.
     */
    public static String version(ZoneId zone) {
        ZoneId rulesFrom = zone.normalized() instanceof ZoneOffset ? ZoneId.of("UTC") : zone;
        return ZoneRulesProvider.getVersions(rulesFrom.getId()).lastKey();
    }
}
