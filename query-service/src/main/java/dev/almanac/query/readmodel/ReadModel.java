package dev.almanac.query.readmodel;

import java.util.List;

/**
 * A feature's read-model collections. Every one is read and written by key only, so its one index
 * besides {@code _id} is the unique {@link Locks lock} index that compare-and-set writes look up.
 */
public interface ReadModel {

    List<String> collections();
}
