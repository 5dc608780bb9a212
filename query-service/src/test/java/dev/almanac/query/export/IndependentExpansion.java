package dev.almanac.query.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.Observance;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.io.TimezoneInfo;
import biweekly.util.DateTimeComponents;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;

/**
 * An iCalendar document expanded by biweekly, a parser and recurrence engine independent of ical4j (which writes the
 * export) and of Almanac's own expansion: each series' RRULE from its DTSTART, less its EXDATEs, each instance replaced by
 * the override whose RECURRENCE-ID names it; then the single events. Local times are placed by the IANA zone the TZID
 * names, as Google Calendar reads one: the VTIMEZONEs are left out of what biweekly expands, because biweekly's zones
 * built from a VTIMEZONE take every daylight saving to be one hour, which puts Lord Howe's half-hour DST at +11:30 (and
 * its EXDATEs with it). The VTIMEZONEs are checked apart ({@link #observanceMismatches}).
 */
final class IndependentExpansion {

    /** One event as a client shows it. */
    record Shown(Instant start, Instant end, String summary) {

        static final Comparator<Shown> ORDER = Comparator.comparing(Shown::start).thenComparing(Shown::end).thenComparing(Shown::summary);

        @Override
        public String toString() {
            return start + "/" + end + " " + summary;
        }
    }

    private IndependentExpansion() {
    }

    /** Every event the document shows starting before {@code till}, in order. */
    static List<Shown> expand(String document, Instant till) {
        ICalendar calendar = Biweekly.parse(document.replaceAll("(?s)BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", "")).first();
        TimezoneInfo zones = calendar.getTimezoneInfo();
        Map<String, Map<Long, VEvent>> overrides = new HashMap<>();
        for (VEvent event : calendar.getEvents()) {
            if (event.getRecurrenceId() != null) {
                overrides.computeIfAbsent(event.getUid().getValue(), any -> new HashMap<>())
                        .put(event.getRecurrenceId().getValue().getTime(), event);
            }
        }
        List<Shown> shown = new ArrayList<>();
        for (VEvent event : calendar.getEvents()) {
            if (event.getRecurrenceId() != null) {
                continue;
            }
            if (event.getRecurrenceRule() == null) {
                shown.add(single(event));
                continue;
            }
            TimezoneAssignment assigned = zones.getTimezone(event.getDateStart());
            TimeZone zone = assigned == null ? TimeZone.getTimeZone("UTC") : assigned.getTimeZone();
            long length = event.getDuration() == null ? 0 : event.getDuration().getValue().toMillis();
            Map<Long, VEvent> replaced = new HashMap<>(overrides.getOrDefault(event.getUid().getValue(), Map.of()));
            DateIterator instances = event.getDateIterator(zone);
            while (instances.hasNext()) {
                long instance = instances.next().getTime();
                if (instance >= till.toEpochMilli()) {
                    break;
                }
                VEvent override = replaced.remove(instance);
                if (override != null) {
                    shown.add(single(override));
                } else {
                    shown.add(new Shown(Instant.ofEpochMilli(instance), Instant.ofEpochMilli(instance + length),
                            event.getSummary().getValue()));
                }
            }
            if (!replaced.isEmpty()) {
                throw new AssertionError("overrides of " + event.getUid().getValue() + " name no instance of its series: "
                        + replaced.keySet().stream().map(Instant::ofEpochMilli).toList());
            }
        }
        shown.sort(Shown.ORDER);
        return shown;
    }

    /**
     * Each observance of the document's VTIMEZONEs, as biweekly reads it, that disagrees with the JDK's tz data: at its
     * onset (its DTSTART on the wall clock before it, at TZOFFSETFROM) the zone's offset must turn from TZOFFSETFROM to
     * TZOFFSETTO. The first observance of each zone, which only says what is in force, is not an onset.
     */
    static List<String> observanceMismatches(String document) {
        ICalendar calendar = Biweekly.parse(document).first();
        List<String> mismatches = new ArrayList<>();
        for (VTimezone component : calendar.getTimezoneInfo().getComponents()) {
            java.time.zone.ZoneRules rules = java.time.ZoneId.of(component.getTimezoneId().getValue()).getRules();
            List<Observance> observances = new ArrayList<>(component.getStandardTimes());
            observances.addAll(component.getDaylightSavingsTime());
            observances.sort(Comparator.comparing(observance -> onset(observance)));
            for (Observance observance : observances.subList(1, observances.size())) {
                Instant onset = onset(observance);
                int from = (int) (observance.getTimezoneOffsetFrom().getValue().getMillis() / 1000);
                int to = (int) (observance.getTimezoneOffsetTo().getValue().getMillis() / 1000);
                if (rules.getOffset(onset.minusSeconds(1)).getTotalSeconds() != from || rules.getOffset(onset).getTotalSeconds() != to) {
                    mismatches.add(component.getTimezoneId().getValue() + " at " + onset + ": " + from + "s to " + to + "s");
                }
            }
        }
        return mismatches;
    }

    private static Instant onset(Observance observance) {
        DateTimeComponents local = observance.getDateStart().getValue().getRawComponents();
        int from = (int) (observance.getTimezoneOffsetFrom().getValue().getMillis() / 1000);
        return java.time.LocalDateTime.of(local.getYear(), local.getMonth(), local.getDate(), local.getHour(), local.getMinute(),
                local.getSecond()).toInstant(java.time.ZoneOffset.ofTotalSeconds(from));
    }

    private static Shown single(VEvent event) {
        Instant start = event.getDateStart().getValue().toInstant();
        Instant end = event.getDateEnd() == null ? start : event.getDateEnd().getValue().toInstant();
        return new Shown(start, end, event.getSummary().getValue());
    }
}
