package dev.almanac.conflicts.state;

/** The writes of the record in hand, over one store or many: kept together or forgotten together. */
public interface Staging {

    /** Writes the staged changes to the stores. */
    void commit();

    /** Forgets the staged changes, leaving the stores as the previous record left them. */
    void discard();
}
