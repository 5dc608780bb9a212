package dev.almanac.conflicts.calendar;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.CalendarProfile;

/**
 * What one partition knows about a calendar. Entries can arrive before their calendar, so the
 * profile may still be missing while the extents already grow.
 *
 * @param profile               capacity and type, once the calendar was created
 * @param version               the aggregate version of the profile; -1 while there is none
 * @param longestEntryMillis    the longest entry ever placed on it; a time scan starts this much earlier
 * @param longestConflictMillis the longest conflict window ever recorded on it, for the same reason
 * @param activeConflicts       how many of its conflicts are active; with none, the conflict indexes need no scan
 */
public record CalendarRecord(@Nullable CalendarProfile profile, long version, long longestEntryMillis,
                             long longestConflictMillis, int activeConflicts) {

    public static final CalendarRecord UNKNOWN = new CalendarRecord(null, -1, 0, 0, 0);

    public Optional<CalendarProfile> knownProfile() {
        return Optional.ofNullable(profile);
    }

    CalendarRecord withProfile(CalendarProfile newProfile, long newVersion) {
        return new CalendarRecord(newProfile, newVersion, longestEntryMillis, longestConflictMillis, activeConflicts);
    }

    CalendarRecord withLongestEntry(long millis) {
        return new CalendarRecord(profile, version, millis, longestConflictMillis, activeConflicts);
    }

    CalendarRecord withLongestConflict(long millis) {
        return new CalendarRecord(profile, version, longestEntryMillis, millis, activeConflicts);
    }

    CalendarRecord withActiveConflicts(int count) {
        return new CalendarRecord(profile, version, longestEntryMillis, longestConflictMillis, count);
    }
}
