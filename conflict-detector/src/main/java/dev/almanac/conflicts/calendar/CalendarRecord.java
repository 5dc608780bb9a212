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
 */
public record CalendarRecord(@Nullable CalendarProfile profile, long version, long longestEntryMillis,
                             long longestConflictMillis) {

    public static final CalendarRecord UNKNOWN = new CalendarRecord(null, -1, 0, 0);

    public Optional<CalendarProfile> knownProfile() {
        return Optional.ofNullable(profile);
    }
}
