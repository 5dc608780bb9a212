package dev.almanac.query.conflict;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.readmodel.NewestWins;

/**
 * The conflicts of one scope (a calendar, a resource, or {@link #ALL} calendars) whose overlap starts on one
 * UTC day: a full copy of each, newest version wins. Conflicts without a start (a clearing
 * projected before its detection) sit in the {@link #UNDATED} bucket, which sorts first, as a
 * missing start sorts first in a MongoDB sort.
 */
public record ConflictDay(String scope, String bucket, NewestWins<ConflictView> conflicts) {

    /** The scope of the lists over every calendar; calendar ids start with a letter or digit, so none is {@code *}. */
    public static final String ALL = "*";
    public static final String UNDATED = "0000-00-00";

    /** The scope of a resource's list; ids start with a letter or digit, so none is a calendar's. */
    public static String resourceScope(String resourceId) {
        return "@" + resourceId;
    }

    public static String bucketOf(ConflictView conflict) {
        return conflict.start() == null ? UNDATED : UtcSlots.dayOf(conflict.start()).toString();
    }

    public static String id(String scope, String bucket) {
        return scope + '/' + bucket;
    }

    public static ConflictDay emptyOf(String id) {
        int separator = id.lastIndexOf('/');
        return new ConflictDay(id.substring(0, separator), id.substring(separator + 1), NewestWins.none());
    }

    public String id() {
        return id(scope, bucket);
    }

    public ConflictDay place(ConflictView conflict) {
        return new ConflictDay(scope, bucket, conflicts.place(conflict.id(), conflict));
    }

    public ConflictDay withdraw(String conflictId, long version) {
        return new ConflictDay(scope, bucket, conflicts.withdraw(conflictId, version));
    }

    /** How many conflicts this day holds in {@code status}, or in any status when it is null. */
    public int count(@Nullable ConflictStatus status) {
        return (int) conflicts.present().values().stream().filter(conflict -> status == null || conflict.status() == status).count();
    }
}
