package dev.almanac.commands.eventstore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells readers of the event store that a transaction of this process has stored events, and
 * which, so that they can read them without polling, and only while one of them is unread.
 * Commits of other replicas are not told: their readers also poll.
 */
public final class Commits {

    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code listener} after every commit that stored events, with their identifiers, on the
     * committing thread: it must not block.
     */
    public void onCommit(Consumer<List<String>> listener) {
        listeners.add(listener);
    }

    /** Called by the event store after each commit that stored events. */
    public void committed(List<String> eventIdentifiers) {
        listeners.forEach(listener -> listener.accept(eventIdentifiers));
    }
}
