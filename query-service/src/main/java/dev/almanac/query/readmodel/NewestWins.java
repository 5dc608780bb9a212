package dev.almanac.query.readmodel;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Copies of entities kept inside a derived document, keyed by entity id: per id either a copy or
 * a withdrawal marker, each carrying the entity's version, and the higher version always wins. A
 * placement or withdrawal applied twice, late, or after a newer one therefore changes nothing,
 * whatever order concurrent writers apply them in. Markers are what stops a writer that lags
 * behind (a replica that lost its partition but still writes) from putting back a copy that a
 * newer version withdrew.
 */
public record NewestWins<V extends Versioned>(SortedMap<String, V> present, SortedMap<String, Long> withdrawn) {

    public NewestWins {
        present = Collections.unmodifiableSortedMap(new TreeMap<>(present));
        withdrawn = Collections.unmodifiableSortedMap(new TreeMap<>(withdrawn));
    }

    public static <V extends Versioned> NewestWins<V> none() {
        return new NewestWins<>(new TreeMap<>(), new TreeMap<>());
    }

    /** With {@code value} under {@code id}, unless this already holds that id at the same or a newer version. */
    public NewestWins<V> place(String id, V value) {
        if (versionOf(id) >= value.version()) {
            return this;
        }
        TreeMap<String, V> placed = new TreeMap<>(present);
        placed.put(id, value);
        TreeMap<String, Long> markers = new TreeMap<>(withdrawn);
        markers.remove(id);
        return new NewestWins<>(placed, markers);
    }

    /** Without {@code id}, marked withdrawn at {@code version}, unless this holds that id at that version or newer. */
    public NewestWins<V> withdraw(String id, long version) {
        if (versionOf(id) >= version) {
            return this;
        }
        TreeMap<String, V> remaining = new TreeMap<>(present);
        remaining.remove(id);
        TreeMap<String, Long> markers = new TreeMap<>(withdrawn);
        markers.put(id, version);
        return new NewestWins<>(remaining, markers);
    }

    private long versionOf(String id) {
        V value = present.get(id);
        if (value != null) {
            return value.version();
        }
        Long marker = withdrawn.get(id);
        return marker == null ? -1 : marker;
    }
}
