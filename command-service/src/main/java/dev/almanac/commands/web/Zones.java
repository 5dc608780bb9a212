package dev.almanac.commands.web;

import java.time.ZoneId;

import dev.almanac.events.IanaZones;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;

/**
 * IANA zone ids from requests, exactly as the tz database names them: no surrounding
 * whitespace, the database's own case. Fixed offsets such as {@code +02:00} are refused: they
 * carry no DST rules.
 */
public final class Zones {

    private Zones() {
    }

    public static ZoneId parse(String field, String value) {
        if (!IanaZones.isKnown(value)) {
            throw ProblemException.invalid(field, "iana_zone", field + " must be an IANA time zone such as America/New_York,"
                    + " exactly as the tz database spells it, but was '" + StrictInputModule.printable(value) + "'");
        }
        return ZoneId.of(value);
    }
}
