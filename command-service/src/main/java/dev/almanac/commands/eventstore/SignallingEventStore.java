package dev.almanac.commands.eventstore;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/** Axon's embedded event store that also tells {@link Commits} after each commit that stored events. */
final class SignallingEventStore extends EmbeddedEventStore {

    private final Commits commits;

    SignallingEventStore(Builder builder, Commits commits) {
        super(builder);
        this.commits = commits;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        commits.committed();
    }
}
