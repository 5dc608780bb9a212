package dev.almanac.query.readmodel;

import org.bson.Document;

/**
 * The one place where a read-model record becomes a document and back. {@link #encode} gives the
 * whole document, {@code _id} included and the lock token excluded, so that two states can be
 * compared and diffed as documents.
 */
public interface DocumentCodec<S> {

    String id(S state);

    Document encode(S state);

    S decode(Document document);
}
