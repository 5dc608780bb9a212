package dev.almanac.query.readmodel;

import java.util.List;

/**
 * A feature that keeps a record of its own of every batch the projection applies (the change feed, the audit trail). Features
 * register as beans; the plumbing calls them without importing them (ADR 0054). The projection calls {@link #follow} after
 * the entities' changes are decided and before the entities are written, so an entity at a version means every follower has
 * written what that version did; a batch that fails comes again, so {@link #follow} must be idempotent.
 */
public interface ProjectionFollower {

    /** Whether this follower needs the documents of this collection's entities before and after each event. */
    boolean follows(String collection);

    /** Writes what the batch's events did, in the events' order; blocking, on a projection thread. */
    void follow(List<ProjectedEvent> events);
}
