package dev.almanac.commands.eventstore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells readers of the event store that a transaction of this process has stored events, so
 * that they can read them without polling. Commits of other replicas are not told: their
 * readers also poll.
 */
public final class Commits {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Runs {@code listener} after every commit that stored events, on the committing thread: it must not block. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    /** Called by the event store after each commit that stored events. */
    public void committed() {
        listeners.forEach(Runnable::run);
    }
}
