package dev.almanac.conflicts.calendar;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;

/**
 * What one partition knows about a calendar. Entries can arrive before their calendar, so the
 * profile may still be missing while the extents already grow.
 *
 * @param profile               capacity and type, once the calendar was created
 * @param version               the aggregate version of the profile; -1 while there is none
 * @param longestEntryMillis    the longest entry ever placed on it; a time scan starts this much earlier
 * @param longestConflictMillis the longest conflict window ever recorded on it, for the same reason
 * @param activeConflicts       how many of its conflicts are active; with none, the conflict indexes need no scan
 * @param access                who may resolve, escalate and dismiss its conflicts: its owner and grants (ADR 0027)
 */
public record CalendarRecord(@Nullable CalendarProfile profile, long version, long longestEntryMillis,
                             long longestConflictMillis, int activeConflicts, CalendarAccess access) {

    public static final CalendarRecord UNKNOWN = new CalendarRecord(null, -1, 0, 0, 0, CalendarAccess.OPEN);

    /** A calendar without an owner or grants. */
    public CalendarRecord(@Nullable CalendarProfile profile, long version, long longestEntryMillis, long longestConflictMillis,
                          int activeConflicts) {
        this(profile, version, longestEntryMillis, longestConflictMillis, activeConflicts, CalendarAccess.OPEN);
    }

    public Optional<CalendarProfile> knownProfile() {
        return Optional.ofNullable(profile);
    }

    CalendarRecord withProfile(CalendarProfile newProfile, @Nullable CalendarOwner owner, long newVersion) {
        return new CalendarRecord(newProfile, newVersion, longestEntryMillis, longestConflictMillis, activeConflicts,
                access.withOwner(owner));
    }

    CalendarRecord withAccess(CalendarAccess newAccess, long newVersion) {
        return new CalendarRecord(profile, newVersion, longestEntryMillis, longestConflictMillis, activeConflicts, newAccess);
    }

    CalendarRecord withLongestEntry(long millis) {
        return new CalendarRecord(profile, version, millis, longestConflictMillis, activeConflicts, access);
    }

    CalendarRecord withLongestConflict(long millis) {
        return new CalendarRecord(profile, version, longestEntryMillis, millis, activeConflicts, access);
    }

    CalendarRecord withActiveConflicts(int count) {
        return new CalendarRecord(profile, version, longestEntryMillis, longestConflictMillis, count, access);
    }
}
