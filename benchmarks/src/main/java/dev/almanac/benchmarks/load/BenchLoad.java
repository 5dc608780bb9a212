package dev.almanac.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -jar benchmarks/target/bench-load.jar [--rates 500,1000 ...]}: the load benchmark ({@link LoadBenchmark})
 * against a local stack that is already running ({@code ./run-local}). Every argument is checked before any load is
 * sent: a typo must not start a 500/s run.
 */
public final class BenchLoad {

    static final String USAGE = """
            usage: java -jar benchmarks/target/bench-load.jar [--gateway URL] [--bootstrap HOST:PORT] [--rates 500,1000]
                                                              [--seconds 60] [--calendars 100] [--window-readers 8]
                                                              [--visibility-probe token|poll] [--warm-up-limit 600]
              Drives the running local stack (./run-local) at each rate in turn, after a warm-up, and reports
              latencies, lag, read-your-writes, the CPU per command and what the JIT compilers took.
              The warm-up runs steps of 10 s at 50, 100 and 200 commands/s (or the first rate, if lower), then
              rounds of 20 s at that rate until the stack's JIT compilers use at most 0.05 of a core.
              --warm-up-limit S: how many seconds those rounds may take (0: none, so the first steps measure a
              stack that is still compiling).
              --window-readers N: N clients read month windows of the loaded calendars meanwhile, one after
              another, as a browser does (gzip, and the tag of their last answer), and their latency is reported.
              --visibility-probe: token asks the window once with the probe command's consistency token, as a
              frontend that has just written does; poll asks it again and again until it counts the item.
              Defaults: --gateway %s --bootstrap %s --rates 500 --seconds 60
              --calendars 100 --window-readers 0 --visibility-probe token --warm-up-limit 600."""
            .formatted(LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA);

    private static final Set<String> OPTIONS = Set.of("gateway", "bootstrap", "rates", "seconds", "calendars", "window-readers",
            "visibility-probe", "warm-up-limit");

    private BenchLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadBenchmark.run(CommandOptions.readOrExit(args, BenchLoad::settings, USAGE), System.out);
    }

    /**
     * {@code --gateway URL --bootstrap HOST:PORT --rates 500,1000 --seconds 60 --calendars 100}, each
     * optional; anything else, {@code --help} included, is refused.
     */
    static LoadBenchmark.Settings settings(List<String> args) {
        CommandOptions options = CommandOptions.parse("bench-load", args, OPTIONS, Set.of());
        return new LoadBenchmark.Settings(
                options.value("gateway", LocalStackDefaults.GATEWAY),
                options.value("bootstrap", LocalStackDefaults.KAFKA),
                options.numbers("rates", 1, "500"),
                Duration.ofSeconds(options.number("seconds", 1, 60)),
                options.number("calendars", 1, 100),
                options.number("window-readers", 0, 0),
                visibilityProbe(options.value("visibility-probe", "token")),
                Duration.ofSeconds(options.number("warm-up-limit", 0, 600)));
    }

    private static boolean visibilityProbe(String mode) {
        return switch (mode) {
            case "token" -> true;
            case "poll" -> false;
            default -> throw new IllegalArgumentException("--visibility-probe is token or poll, not " + mode);
        };
    }
}
