package dev.almanac.benchmarks.seedscale;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * What a seed-scale run does, from its command line. Every value is checked before anything starts: a run of 10,000
 * rules must not stop at the 9,951st because the users cannot own them.
 *
 * @param startStack       start a local stack from a fresh home (and restart it), rather than use one already running
 * @param repository       the checkout: the launcher's jar and the services' jars are under it, and so is the output
 * @param gateway          the stack's one base URL
 * @param bootstrap        the stack's Kafka
 * @param rules            rules in all, the planted pairs' included
 * @param calendars        calendars the rules go to, the planted capacity-1 calendars included
 * @param users            users the rules are created by, each within F033-LIMIT-RULES
 * @param clients          concurrent clients creating the rules
 * @param plantedCalendars capacity-1 calendars that get the planted pairs and no other rule
 * @param plantedPairs     pairs of overlapping rules planted on them
 * @param itemsPerDay      one-off items created at this rate (items a day) during the run, 0 for none
 * @param seed             seeds the plan: the same seed, the same rules
 * @param detectionWindow  how far ahead of the run's start the oracle counts conflicts: conflict-detector's window
 * @param probeEvery       how often an item visibility probe and an item conflict pair are sent
 * @param probePatience    how long a probe waits before it counts as never seen
 * @param afterLoad        how long, at least, probes go on after the last rule
 * @param settleTimeout    how long to wait after the last rule for every consumer's lag to be zero
 * @param windowReaders    concurrent readers of the year window
 * @param windowReading    how long they read it
 * @param restart          restart the stack the run started, and time it until every view is complete
 * @param restartTimeout   how long to wait for that
 * @param rebuildRestart   after that restart, restart it again without the read models' snapshot, so that query-service
 *                         rebuilds them from the topics as every restart did before ADR 0100, and time that too
 * @param keepStack        leave the stack the run started running, with its home, at the end
 * @param out              where the summary's JSON and the started stack's home go
 */
public record SeedScaleOptions(boolean startStack, Path repository, String gateway, String bootstrap, int rules, int calendars,
                               int users, int clients, int plantedCalendars, int plantedPairs, int itemsPerDay, long seed,
                               Duration detectionWindow, Duration probeEvery, Duration probePatience, Duration afterLoad,
                               Duration settleTimeout, int windowReaders, Duration windowReading, boolean restart,
                               Duration restartTimeout, boolean rebuildRestart, boolean keepStack, Path out) {

    /** F033-LIMIT-RULES: a user owns at most 50 rules ({@code almanac.commands.rules.max-rules-per-user}). */
    public static final int MAX_RULES_PER_USER = 50;
    /** Planted pairs on one calendar are two hours apart around the time of day twelve hours from the start; six fit. */
    static final int MAX_PAIRS_PER_CALENDAR = 6;

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.seedscale.SeedScale -jar benchmarks/target/bench-load.jar [options]
              Starts a local stack from a fresh home under benchmarks/target/seed-scale/ (java -jar
              deploy/local/target/almanac-local.jar; build it first: ./mvnw -B -q -DskipTests package), loads seed
              000's scale through its API, measures what each side shows, restarts it, and stops it. Prints one
              summary at the end and writes it as JSON to --out.
              --running-stack         use the stack at --gateway and --bootstrap instead (no restart is measured)
              --repository DIR        the checkout (default .)
              --gateway URL           default %s
              --bootstrap HOST:PORT   default %s
              --rules N               rules in all, the planted ones included (default 10000)
              --calendars N           calendars, the planted ones included (default 100)
              --users N               users creating the rules, at most %d rules each (default 200)
              --clients N             concurrent clients creating them (default 8)
              --planted-calendars N   capacity-1 calendars holding the planted pairs (default 5)
              --planted-pairs N       overlapping rule pairs planted on them (default: one a planted calendar)
              --items-per-day N       one-off items created at this rate during the run (default 0; 5000 for the
                                      100,000-jobs-a-day variant, with --rules 11000 --users 220)
              --seed N                seeds the plan (default 1)
              --window-days N         the conflict detection window the oracle counts over, from the start (default 90)
              --probe-every S         a visibility probe and a conflict pair every S seconds (default 2)
              --probe-patience S      a probe not seen within S seconds counts as never (default 60)
              --after-load S          probes go on at least S seconds after the last rule (default 60)
              --settle-timeout S      wait at most S seconds after the last rule for every lag to be zero (default 1800)
              --window-readers N      concurrent readers of the year window (default 4)
              --window-seconds S      how long they read (default 30)
              --restart-timeout S     wait at most S seconds after a restart for every view (default 1800)
              --no-restart            do not restart the started stack
              --rebuild-restart       then restart it once more without the read models' snapshot (a rebuild from the
                                      topics, as before ADR 0100), and time that too
              --keep-stack            leave the started stack running, and its home, at the end
              --out DIR               default <repository>/benchmarks/target/seed-scale"""
            .formatted(LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA, MAX_RULES_PER_USER);

    private static final Set<String> VALUED = Set.of("repository", "gateway", "bootstrap", "rules", "calendars", "users", "clients",
            "planted-calendars", "planted-pairs", "items-per-day", "seed", "window-days", "probe-every", "probe-patience",
            "after-load", "settle-timeout", "window-readers", "window-seconds", "restart-timeout", "out");
    private static final Set<String> FLAGS = Set.of("running-stack", "no-restart", "rebuild-restart", "keep-stack");

    /** @throws IllegalArgumentException naming the option that is unknown, malformed or at odds with another */
    public static SeedScaleOptions parse(List<String> args) {
        CommandOptions options = CommandOptions.parse("seed-scale", args, VALUED, FLAGS);
        boolean startStack = !options.flag("running-stack");
        Path repository = Path.of(options.value("repository", ".")).toAbsolutePath().normalize();
        String gateway = options.value("gateway", LocalStackDefaults.GATEWAY);
        requireHttpUrl(gateway);
        int rules = options.number("rules", 1, 10_000);
        int calendars = options.number("calendars", 1, 100);
        int users = options.number("users", 1, 200);
        int plantedCalendars = options.number("planted-calendars", 0, 5);
        int plantedPairs = options.number("planted-pairs", 0, plantedCalendars);
        if ((long) users * MAX_RULES_PER_USER < rules) {
            throw new IllegalArgumentException("--users %d own at most %d rules (%d each, F033-LIMIT-RULES); --rules %d need --users %d or more"
                    .formatted(users, (long) users * MAX_RULES_PER_USER, MAX_RULES_PER_USER, rules,
                            (rules + MAX_RULES_PER_USER - 1) / MAX_RULES_PER_USER));
        }
        if (plantedPairs > 0 && plantedCalendars == 0) {
            throw new IllegalArgumentException("--planted-pairs %d need --planted-calendars 1 or more".formatted(plantedPairs));
        }
        if (plantedPairs > plantedCalendars * MAX_PAIRS_PER_CALENDAR) {
            throw new IllegalArgumentException("--planted-pairs %d: at most %d a planted calendar, so at most %d on --planted-calendars %d"
                    .formatted(plantedPairs, MAX_PAIRS_PER_CALENDAR, plantedCalendars * MAX_PAIRS_PER_CALENDAR, plantedCalendars));
        }
        if (2L * plantedPairs > rules) {
            throw new IllegalArgumentException("--planted-pairs %d are %d rules, more than --rules %d".formatted(plantedPairs, 2 * plantedPairs, rules));
        }
        if (calendars <= plantedCalendars) {
            throw new IllegalArgumentException("--calendars %d leave no open calendar for the rules that are not planted and the visibility probes: the %d planted calendars take only their pairs"
                    .formatted(calendars, plantedCalendars));
        }
        boolean restart = startStack && !options.flag("no-restart");
        boolean keepStack = options.flag("keep-stack");
        if (keepStack && !startStack) {
            throw new IllegalArgumentException("--keep-stack is for a stack the run starts, not with --running-stack");
        }
        return new SeedScaleOptions(startStack, repository, gateway, options.value("bootstrap", LocalStackDefaults.KAFKA), rules, calendars,
                users, options.number("clients", 1, 8), plantedCalendars, plantedPairs, options.number("items-per-day", 0, 0),
                options.number("seed", 0).orElse(1L),
                Duration.ofDays(days(options)), seconds(options, "probe-every", 1, 2), seconds(options, "probe-patience", 1, 60),
                seconds(options, "after-load", 0, 60), seconds(options, "settle-timeout", 1, 1800),
                options.number("window-readers", 0, 4), seconds(options, "window-seconds", 1, 30), restart,
                seconds(options, "restart-timeout", 1, 1800), restart && options.flag("rebuild-restart"), keepStack,
                options.value("out").map(Path::of).orElse(repository.resolve("benchmarks/target/seed-scale")).toAbsolutePath().normalize());
    }

    /** The rules that are not planted: the seed's mix. */
    int mixRules() {
        return rules - 2 * plantedPairs;
    }

    private static int days(CommandOptions options) {
        int days = options.number("window-days", 1, 90);
        if (days > 365) {
            throw new IllegalArgumentException("--window-days must be between 1 and 365, not " + days);
        }
        return days;
    }

    private static Duration seconds(CommandOptions options, String name, int minimum, int fallback) {
        return Duration.ofSeconds(options.number(name, minimum, fallback));
    }

    private static void requireHttpUrl(String gateway) {
        URI uri;
        try {
            uri = URI.create(gateway);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("--gateway is a URL such as " + LocalStackDefaults.GATEWAY + ", not " + gateway);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--gateway is a URL such as " + LocalStackDefaults.GATEWAY + ", not " + gateway);
        }
    }
}
