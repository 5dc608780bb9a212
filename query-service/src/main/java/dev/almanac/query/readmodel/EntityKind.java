package dev.almanac.query.readmodel;

/**
 * A kind of entity that has a document of its own, keyed by the entity's id: a calendar, an
 * entry, a rule, a conflict.
 */
public record EntityKind<S extends Versioned>(String collection, DocumentCodec<S> codec) {
}
