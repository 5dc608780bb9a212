package dev.almanac.tui.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One entry of the ops feed: a rule occurrence or a one-off item, its run state and the actions it offers. */
public record OpsEvent(String eventId, String source, String sourceRef, String calendarId, String title, String status,
                       String category, Instant scheduledAtUtc, long durationSeconds, long version, List<Action> actions) {

    public OpsEvent {
        actions = List.copyOf(actions);
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
