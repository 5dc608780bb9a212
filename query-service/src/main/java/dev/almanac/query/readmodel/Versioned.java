package dev.almanac.query.readmodel;

/** An entity's read-model state, stamped with the aggregate version of the last event applied to it. */
public interface Versioned {

    /** The field that holds the version in every entity document. */
    String FIELD = "version";

    long version();
}
