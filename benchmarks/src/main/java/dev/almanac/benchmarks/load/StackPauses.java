package dev.almanac.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The time each JVM of a local stack stood still at safepoints, its collector's pauses above all, read from
 * the counters every HotSpot JVM publishes ({@link JvmCounters}): the time spent bringing threads to a
 * safepoint and at it, and their number. While a service stands still, every request and record in it waits,
 * so stops that cover more than a hundredth of a step put their length into its p99; CPU per command does not
 * show them. PostgreSQL, not a JVM, has none.
 */
final class StackPauses {

    private static final String TIME_AT = "sun.rt.safepointTime";
    private static final String TIME_TO = "sun.rt.safepointSyncTime";
    private static final String COUNT = "sun.rt.safepoints";
    private static final String TICKS_A_SECOND = "sun.os.hrt.frequency";
    private static final Set<String> COUNTERS = Set.of(TIME_AT, TIME_TO, COUNT, TICKS_A_SECOND);

    /** Time stopped and the number of stops. */
    record Stopped(Duration time, long count) {

        Stopped plus(Stopped other) {
            return new Stopped(time.plus(other.time), count + other.count);
        }

        Stopped minus(Stopped earlier) {
            return new Stopped(time.minus(earlier.time), count - earlier.count);
        }
    }

    private StackPauses() {
    }

    /**
     * The time each role's JVMs among these {@link StackCpu#processes()} have stood still so far; a role whose JVMs
     * publish no counters is left out, and PostgreSQL is not asked: a file that a killed JVM left under a pid one of
     * its processes now has would be read.
     */
    static Map<String, Stopped> read(Map<String, List<ProcessHandle>> stack) {
        Map<String, Stopped> byRole = new LinkedHashMap<>();
        stack.forEach((role, processes) -> {
            if (!role.equals(StackCpu.POSTGRES)) {
                processes.forEach(process -> of(process).ifPresent(stopped -> byRole.merge(role, stopped, Stopped::plus)));
            }
        });
        return byRole;
    }

    static Optional<Stopped> of(ProcessHandle process) {
        String user = process.info().user().orElse(System.getProperty("user.name"));
        return JvmCounters.read(process.pid(), user, COUNTERS)
                .filter(counters -> counters.keySet().containsAll(COUNTERS) && counters.get(TICKS_A_SECOND) > 0)
                .map(counters -> new Stopped(
                        Duration.ofNanos(Math.round((counters.get(TIME_AT) + counters.get(TIME_TO)) * 1e9 / counters.get(TICKS_A_SECOND))),
                        counters.get(COUNT)));
    }

    /** What each role stood still between two readings; a JVM that started or ended between them is left out. */
    static Map<String, Stopped> spent(Map<String, Stopped> before, Map<String, Stopped> after) {
        Map<String, Stopped> spent = new LinkedHashMap<>();
        after.forEach((role, total) -> {
            Stopped earlier = before.get(role);
            if (earlier != null && total.count() >= earlier.count()) {
                spent.put(role, total.minus(earlier));
            }
        });
        return spent;
    }

    /**
     * One line: for each role, the share of the step's wall time it stood still, its stops and their mean
     * length, the longest first.
     */
    static String describe(Map<String, Stopped> spent, Duration elapsed) {
        if (spent.isEmpty() || elapsed.isZero()) {
            return "n/a (no JVM counters found)";
        }
        List<Map.Entry<String, Stopped>> roles = spent.entrySet().stream()
                .sorted((a, b) -> b.getValue().time().compareTo(a.getValue().time()))
                .toList();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Stopped> role : roles) {
            Stopped stopped = role.getValue();
            text.append(text.isEmpty() ? "" : ", ").append(String.format("%s %.1f%% (%d, mean %.1f ms)", role.getKey(),
                    100.0 * stopped.time().toNanos() / elapsed.toNanos(), stopped.count(),
                    stopped.count() == 0 ? 0.0 : stopped.time().toNanos() / 1e6 / stopped.count()));
        }
        return text.toString();
    }
}
