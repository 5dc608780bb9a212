package dev.almanac.query.readmodel;

import org.bson.conversions.Bson;

/**
 * One idempotent change to one read-model document: {@code update} is applied to
 * {@code documentId} in {@code collection} only if {@code version} is newer than the version
 * the document holds.
 *
 * @param version the aggregate version of the entity the document mirrors, from the event's envelope
 */
public record ReadModelWrite(String collection, String documentId, long version, Bson update) {
}
