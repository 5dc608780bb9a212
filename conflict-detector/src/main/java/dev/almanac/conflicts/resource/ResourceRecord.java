package dev.almanac.conflicts.resource;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.ResourceProfile;

/**
 * What one partition knows about a resource. Bookings can arrive before the resource, so the
 * profile may still be missing while the extents already grow.
 *
 * @param profile                  the resource's type, once it was created
 * @param version                  the aggregate version of the last resource event applied; -1 while there is none
 * @param longestBookingMillis     the longest booking ever held; a time scan of bookings starts this much earlier
 * @param longestConflictMillis    the longest conflict window ever recorded on it, for the same reason
 * @param longestUnavailableMillis the longest unavailable range ever marked, for the same reason
 * @param activeConflicts          how many of its conflicts are active; with none, the conflict index needs no scan
 */
public record ResourceRecord(@Nullable ResourceProfile profile, long version, long longestBookingMillis,
                             long longestConflictMillis, long longestUnavailableMillis, int activeConflicts) {

    public static final ResourceRecord UNKNOWN = new ResourceRecord(null, -1, 0, 0, 0, 0);

    public Optional<ResourceProfile> knownProfile() {
        return Optional.ofNullable(profile);
    }

    ResourceRecord withProfile(ResourceProfile newProfile, long newVersion) {
        return new ResourceRecord(newProfile, newVersion, longestBookingMillis, longestConflictMillis, longestUnavailableMillis,
                activeConflicts);
    }

    ResourceRecord withVersion(long newVersion) {
        return new ResourceRecord(profile, newVersion, longestBookingMillis, longestConflictMillis, longestUnavailableMillis,
                activeConflicts);
    }

    ResourceRecord withLongestBooking(long millis) {
        return new ResourceRecord(profile, version, millis, longestConflictMillis, longestUnavailableMillis, activeConflicts);
    }

    ResourceRecord withLongestConflict(long millis) {
        return new ResourceRecord(profile, version, longestBookingMillis, millis, longestUnavailableMillis, activeConflicts);
    }

    ResourceRecord withLongestUnavailable(long millis) {
        return new ResourceRecord(profile, version, longestBookingMillis, longestConflictMillis, millis, activeConflicts);
    }

    ResourceRecord withActiveConflicts(int count) {
        return new ResourceRecord(profile, version, longestBookingMillis, longestConflictMillis, longestUnavailableMillis, count);
    }
}
