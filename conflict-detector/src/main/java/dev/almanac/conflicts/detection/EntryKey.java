package dev.almanac.conflicts.detection;

import java.util.Locale;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;

/**
 * Names one entry on a calendar. Item ids and occurrence ids are separate namespaces, so the
 * kind is part of the key.
 */
public record EntryKey(EntryKind kind, String id) implements Comparable<EntryKey> {

    public EntryKey {
        Identifiers.requireValid(id, "entry id");
    }

    public static EntryKey item(String id) {
        return new EntryKey(EntryKind.ITEM, id);
    }

    public static EntryKey occurrence(String id) {
        return new EntryKey(EntryKind.OCCURRENCE, id);
    }

    /** The key as one string, for example {@code item:item-review}; conflict ids are derived from these. */
    public String token() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    @Override
    public int compareTo(EntryKey other) {
        return token().compareTo(other.token());
    }

    @Override
    public String toString() {
        return token();
    }
}
