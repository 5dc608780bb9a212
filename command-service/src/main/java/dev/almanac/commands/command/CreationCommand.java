package dev.almanac.commands.command;

/**
 * A command that creates an aggregate under an id the client may choose. Repeating it is
 * idempotent: when the id exists and was created by an equivalent command, the existing
 * resource is the answer; otherwise the id is taken.
 */
public interface CreationCommand {

    /** The aggregate's identifier in the event store, with its kind's namespace (see {@code StoreIds}). */
    String aggregateId();

    /** Whether the aggregate's first event is what this command would have produced. */
    boolean isRepeatOf(Object firstEvent);
}
