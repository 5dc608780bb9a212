package dev.almanac.benchmarks.seedscale;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The calendars and rules of a run, drawn from its seed: PERF-SCALE's mix (issue 68) of rules spread at random over the open
 * calendars, and pairs of overlapping rules planted on capacity-1 calendars, whose conflicts {@link ConflictOracle}
 * counts. Ids carry the run's name, so runs on one stack never meet, and neither do their users' rule counts.
 *
 * @param calendars every calendar, the open ones first
 * @param rules     every rule in the order they are created: planted ones among the others, owners taking turns
 * @param planted   the planted rules, pair by pair
 */
public record SeedPlan(List<CalendarSpec> calendars, List<RuleSpec> rules, List<PlantedRule> planted) {

    /** Eight zones, with a +5:30 and a +5:45 one, and zones whose daylight-saving days fall on different dates. */
    public static final List<ZoneId> ZONES = List.of("UTC", "America/New_York", "America/Los_Angeles", "Europe/London",
            "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney").stream().map(ZoneId::of).toList();
    /** Capacity of an open calendar: the most a calendar takes (command-service's Calendar.MAX_CAPACITY), never reached here. */
    static final int OPEN_CAPACITY = 10_000;
    /** Planted occurrences fall this far, give or take the slots, from the run's start time of day, away from the window's edges. */
    static final Duration PLANTED_FROM_START = Duration.ofHours(12);
    static final Duration PLANTED_SLOT = Duration.ofHours(2);
    /** Planted times are kept within these local hours: no zone of {@link #ZONES} changes its offset then. */
    private static final LocalTime EARLIEST_PLANTED = LocalTime.of(5, 0);
    private static final LocalTime LATEST_PLANTED = LocalTime.of(23, 0);

    /** How a rule recurs, and how many occurrences a day that makes on average. */
    public enum Cadence {
        DAILY(1), OFFICE_HOURS(9 * 5 / 7.0), HOURLY(24), HALF_HOURLY(48), PLANTED_DAILY(1), PLANTED_WEEKDAYS(5 / 7.0);

        private final double perDay;

        Cadence(double perDay) {
            this.perDay = perDay;
        }

        public double perDay() {
            return perDay;
        }
    }

    /** @param capacity 1 for a planted calendar, {@link #OPEN_CAPACITY} for the others */
    public record CalendarSpec(String id, ZoneId zone, int capacity) {

        public boolean planted() {
            return capacity == 1;
        }
    }

    /** A rule as it is created: a UNIX cron in {@code zone}, each occurrence lasting {@code duration}. */
    public record RuleSpec(String id, String owner, String calendar, ZoneId zone, String cron, Duration duration, Cadence cadence) {
    }

    /** A planted rule: at {@code at} local time every day, or every weekday. */
    public record PlantedRule(String ruleId, String calendar, ZoneId zone, LocalTime at, boolean weekdaysOnly, Duration duration) {

        String cron() {
            return "%d %d * * %s".formatted(at.getMinute(), at.getHour(), weekdaysOnly ? "1-5" : "*");
        }
    }

    /**
     * @param run   the run's name, in every id
     * @param start the run's start: planted rules fall about twelve hours of the day away from it
     */
    public static SeedPlan draw(SeedScaleOptions options, String run, Instant start) {
        Random random = new Random(options.seed());
        int openCalendars = options.calendars() - options.plantedCalendars();
        List<CalendarSpec> calendars = new ArrayList<>();
        for (int i = 0; i < openCalendars; i++) {
            calendars.add(new CalendarSpec("%s-c%03d".formatted(run, i), ZONES.get(random.nextInt(ZONES.size())), OPEN_CAPACITY));
        }
        List<PlantedRule> planted = new ArrayList<>();
        for (int c = 0; c < options.plantedCalendars(); c++) {
            String calendar = "%s-p%02d".formatted(run, c);
            List<Instant> slots = slots(start, pairsOn(c, options));
            ZoneId zone = zoneFor(slots, c);
            calendars.add(new CalendarSpec(calendar, zone, 1));
            for (int s = 0; s < slots.size(); s++) {
                int pair = s * options.plantedCalendars() + c;
                planted.addAll(pair(run, pair, calendar, zone, slots.get(s)));
            }
        }
        planted.sort((a, b) -> a.ruleId().compareTo(b.ruleId()));

        List<Cadence> cadences = mix(options.mixRules());
        Collections.shuffle(cadences, random);
        List<RuleDraft> drafts = new ArrayList<>();
        for (int i = 0; i < cadences.size(); i++) {
            CalendarSpec calendar = calendars.get(random.nextInt(openCalendars));
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            drafts.add(new RuleDraft("%s-r%05d".formatted(run, i), calendar.id(), zone, cron(cadences.get(i), random),
                    Duration.ofMinutes(1 + random.nextInt(10)), cadences.get(i)));
        }
        for (PlantedRule rule : planted) {
            drafts.add(new RuleDraft(rule.ruleId(), rule.calendar(), rule.zone(), rule.cron(), rule.duration(),
                    rule.weekdaysOnly() ? Cadence.PLANTED_WEEKDAYS : Cadence.PLANTED_DAILY));
        }
        Collections.shuffle(drafts, random);
        List<RuleSpec> rules = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            RuleDraft draft = drafts.get(i);
            // Owners take turns, so each owns at most rules/users of them and consecutive creations are by different users.
            rules.add(new RuleSpec(draft.id(), "%s-u%03d".formatted(run, i % options.users()), draft.calendar(), draft.zone(),
                    draft.cron(), draft.duration(), draft.cadence()));
        }
        return new SeedPlan(List.copyOf(calendars), List.copyOf(rules), List.copyOf(planted));
    }

    /** How many rules of each cadence. */
    public Map<Cadence, Integer> cadences() {
        Map<Cadence, Integer> counts = new EnumMap<>(Cadence.class);
        rules.forEach(rule -> counts.merge(rule.cadence(), 1, Integer::sum));
        return counts;
    }

    /** The jobs a day the rules make, on average over a week. */
    public long jobsPerDay() {
        return Math.round(rules.stream().mapToDouble(rule -> rule.cadence().perDay()).sum());
    }

    public List<CalendarSpec> openCalendars() {
        return calendars.stream().filter(calendar -> !calendar.planted()).toList();
    }

    public List<CalendarSpec> plantedCalendars() {
        return calendars.stream().filter(CalendarSpec::planted).toList();
    }

    /** PERF-SCALE's mix (issue 68), exactly: 60 % daily, 20 % hourly in weekday office hours, 10 % hourly, the rest every 30 minutes. */
    static List<Cadence> mix(int rules) {
        int daily = (int) Math.round(rules * 0.6);
        int office = (int) Math.round(rules * 0.2);
        int hourly = Math.min(rules - daily - office, (int) Math.round(rules * 0.1));
        List<Cadence> cadences = new ArrayList<>(rules);
        cadences.addAll(Collections.nCopies(daily, Cadence.DAILY));
        cadences.addAll(Collections.nCopies(office, Cadence.OFFICE_HOURS));
        cadences.addAll(Collections.nCopies(hourly, Cadence.HOURLY));
        cadences.addAll(Collections.nCopies(rules - daily - office - hourly, Cadence.HALF_HOURLY));
        return cadences;
    }

    private static String cron(Cadence cadence, Random random) {
        return switch (cadence) {
            case DAILY -> "%d %d * * *".formatted(random.nextInt(60), random.nextInt(24));
            case OFFICE_HOURS -> "%d 9-17 * * 1-5".formatted(random.nextInt(60));
            case HOURLY -> "%d * * * *".formatted(random.nextInt(60));
            case HALF_HOURLY -> {
                int minute = random.nextInt(30);
                yield "%d,%d * * * *".formatted(minute, minute + 30);
            }
            case PLANTED_DAILY, PLANTED_WEEKDAYS -> throw new IllegalArgumentException("planted rules have their own times");
        };
    }

    private static int pairsOn(int calendar, SeedScaleOptions options) {
        return options.plantedPairs() / options.plantedCalendars() + (calendar < options.plantedPairs() % options.plantedCalendars() ? 1 : 0);
    }

    /** The instants of a calendar's pairs: two hours apart, centred twelve hours after the start. */
    static List<Instant> slots(Instant start, int pairs) {
        Instant centre = start.plus(PLANTED_FROM_START);
        List<Instant> slots = new ArrayList<>();
        for (int s = 0; s < pairs; s++) {
            slots.add(centre.plus(PLANTED_SLOT.multipliedBy(2L * s - (pairs - 1)).dividedBy(2)));
        }
        return slots;
    }

    /**
     * A zone in which every slot falls between 05:00 and 23:00, where none of {@link #ZONES} changes its offset, so that
     * the pairs keep their local times all year; calendars take turns among the zones that fit.
     */
    static ZoneId zoneFor(List<Instant> slots, int calendar) {
        List<ZoneId> fitting = ZONES.stream().filter(zone -> slots.stream().allMatch(slot -> {
            LocalTime local = slot.atZone(zone).toLocalTime();
            return !local.isBefore(EARLIEST_PLANTED) && local.isBefore(LATEST_PLANTED);
        })).toList();
        if (fitting.isEmpty()) {
            throw new IllegalStateException("no zone holds these slots in its daytime: " + slots);
        }
        return fitting.get(calendar % fitting.size());
    }

    /**
     * Two rules at {@code slot}'s local time in {@code zone}: the first lasts 15 to 25 minutes, the second starts 5 or 10
     * minutes after it and lasts 20, so they overlap on every day they both fall on. Odd pairs fall on weekdays only.
     */
    private static List<PlantedRule> pair(String run, int pair, String calendar, ZoneId zone, Instant slot) {
        LocalTime first = slot.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        first = first.withMinute(first.getMinute() - first.getMinute() % 5);
        boolean weekdays = pair % 2 == 1;
        Duration firstLasts = Duration.ofMinutes(15 + 5L * (pair % 3));
        LocalTime second = first.plusMinutes(5 + 5L * (pair % 2));
        return List.of(
                new PlantedRule("%s-x%02da".formatted(run, pair), calendar, zone, first, weekdays, firstLasts),
                new PlantedRule("%s-x%02db".formatted(run, pair), calendar, zone, second, weekdays, Duration.ofMinutes(20)));
    }

    private record RuleDraft(String id, String calendar, ZoneId zone, String cron, Duration duration, Cadence cadence) {
    }
}
