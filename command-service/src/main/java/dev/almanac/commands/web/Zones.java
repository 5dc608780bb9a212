package dev.almanac.commands.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.almanac.platform.problem.ProblemException;

/** IANA zone ids from requests. Fixed offsets such as {@code +02:00} are refused: they carry no DST rules. */
public final class Zones {

    private Zones() {
    }

    public static ZoneId parse(String field, String value) {
        try {
            ZoneId zone = ZoneId.of(value.strip());
            if (zone instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.getId())) {
                throw new DateTimeException("not a region");
            }
            return zone;
        } catch (DateTimeException e) {
            throw ProblemException.invalid(field, "iana_zone",
                    field + " must be an IANA time zone such as America/New_York, but was '" + value + "'");
        }
    }
}
