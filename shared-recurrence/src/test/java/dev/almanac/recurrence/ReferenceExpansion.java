package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import net.fortuna.ical4j.model.Recur;

/**
 * The straightforward definition the engine must equal, written without any of its machinery: the
 * wall-clock times come from a library (Spring's {@code CronExpression} stepped one time after
 * another, or one ical4j call over the whole window), each is read in the zone with
 * {@code ZonedDateTime}, the policy picks among the instants, and two times resolving to one
 * instant keep the exact one, else the earlier wall-clock time.
 */
final class ReferenceExpansion {

    /** What an occurrence is made of, before ids and jitter. */
    record Resolved(LocalDateTime nominal, Instant instant, DstResolution resolution) {
    }

    private ReferenceExpansion() {
    }

    /** The wall-clock times of a Spring-dialect cron from {@code from} (inclusive) to {@code until} (exclusive). */
    static List<LocalDateTime> springCron(String expression, LocalDateTime from, LocalDateTime until) {
        org.springframework.scheduling.support.CronExpression cron = org.springframework.scheduling.support.CronExpression.parse(expression);
        List<LocalDateTime> times = new ArrayList<>();
        for (LocalDateTime next = cron.next(from.minusNanos(1)); next != null && next.isBefore(until); next = cron.next(next)) {
            times.add(next);
        }
        return times;
    }

    /** The wall-clock times of an RRULE from one ical4j call over the whole window, RFC 5545's WKST=MO written out. */
    static List<LocalDateTime> ical4j(String rule, LocalDateTime dtstart, LocalDateTime from, LocalDateTime until) {
        String withWeekStart = rule.contains("WKST") ? rule : rule + ";WKST=MO";
        return new Recur<LocalDateTime>(withWeekStart).getDates(dtstart, from, until.minusSeconds(1));
    }

    /** A window of wall-clock time wide enough for every time that can resolve into {@code [from, until)}. */
    static LocalDateTime[] wallClockAround(Instant from, Instant until) {
        return new LocalDateTime[] {
            LocalDateTime.ofInstant(from, ZoneOffset.UTC).minusDays(2), LocalDateTime.ofInstant(until, ZoneOffset.UTC).plusDays(2)};
    }

    static List<Resolved> resolve(List<LocalDateTime> wallClock, ZoneId zone, DstPolicy policy, Instant from, Instant until) {
        ZoneRules rules = zone.getRules();
        Map<Instant, Resolved> byInstant = new TreeMap<>();
        for (LocalDateTime nominal : wallClock) {
            for (Resolved resolved : resolveOne(nominal, zone, rules, policy)) {
                if (!resolved.instant().isBefore(from) && resolved.instant().isBefore(until)) {
                    byInstant.merge(resolved.instant(), resolved, ReferenceExpansion::kept);
                }
            }
        }
        return new ArrayList<>(byInstant.values());
    }

    private static List<Resolved> resolveOne(LocalDateTime nominal, ZoneId zone, ZoneRules rules, DstPolicy policy) {
        int validOffsets = rules.getValidOffsets(nominal).size();
        ZonedDateTime zoned = ZonedDateTime.of(nominal, zone);
        if (validOffsets == 1) {
            return List.of(new Resolved(nominal, zoned.toInstant(), DstResolution.EXACT));
        }
        if (validOffsets == 0) {
            // ZonedDateTime moves a time in a gap later by the gap's length.
            return switch (policy.gap()) {
                case SHIFT_FORWARD -> List.of(new Resolved(nominal, zoned.toInstant(), DstResolution.GAP_SHIFTED));
                case SKIP -> List.of();
            };
        }
        Resolved earlier = new Resolved(nominal, zoned.withEarlierOffsetAtOverlap().toInstant(), DstResolution.OVERLAP_EARLIER);
        Resolved later = new Resolved(nominal, zoned.withLaterOffsetAtOverlap().toInstant(), DstResolution.OVERLAP_LATER);
        return switch (policy.overlap()) {
            case EARLIER -> List.of(earlier);
            case LATER -> List.of(later);
            case TWICE -> List.of(earlier, later);
        };
    }

    private static Resolved kept(Resolved one, Resolved other) {
        Comparator<Resolved> exactFirst = Comparator.comparing((Resolved r) -> r.resolution() != DstResolution.EXACT)
                .thenComparing(Resolved::nominal);
        return exactFirst.compare(one, other) <= 0 ? one : other;
    }

    static List<Resolved> of(List<Occurrence> occurrences) {
        return occurrences.stream().map(o -> new Resolved(o.nominalLocalTime(), o.resolvedInstant(), o.dstResolution())).toList();
    }
}
