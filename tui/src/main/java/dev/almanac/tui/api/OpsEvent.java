package dev.almanac.tui.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the ops feed: a rule occurrence or a one-off item, its run state and the actions it offers.
 *
 * @param lane    always_running for a heartbeat's beats and a rule that runs at least every 15 minutes, else calendar
 * @param repeats how many of the rule's always-running occurrences of that local day this one stands for (ADR 0076)
 */
public record OpsEvent(String eventId, String source, String sourceRef, String calendarId, String title, String status,
                       String category, Instant scheduledAtUtc, long durationSeconds, long version, List<Action> actions,
                       String lane, int repeats) {

    public OpsEvent {
        actions = List.copyOf(actions);
    }

    public boolean alwaysRunning() {
        return "always_running".equals(lane);
    }

    OpsEvent standingFor(int count, String latestStatus) {
        return new OpsEvent(eventId, source, sourceRef, calendarId, title, latestStatus, category, scheduledAtUtc, durationSeconds,
                version, actions, lane, count);
    }

    public boolean isItem() {
        return "item".equals(source);
    }

    public Optional<Action> action(String name) {
        return actions.stream().filter(action -> action.name().equals(name)).findFirst();
    }

    /** The reschedule of the entry itself, not of a missed run (whose body names an action). */
    public Optional<Action> reschedule() {
        return actions.stream().filter(action -> action.name().equals("reschedule") && !action.body().containsKey("action")).findFirst();
    }
}
