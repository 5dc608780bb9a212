package dev.almanac.conflicts.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;

/**
 * The resources of one partition, keyed by resource id: the profile, the version of the last
 * resource event applied, the extents that bound the time scans of the booking, range and conflict
 * indexes, and the number of active conflicts. Reads are remembered until the record's writes are
 * committed or discarded, as {@link dev.almanac.conflicts.calendar.CalendarStore} does.
 */
public final class ResourceStore {

    /** Store name; its changelog topic is {@code conflict-detector-resources-changelog}. */
    public static final String STORE = "resources";

    private static final int FORMAT = 1;

    private final StagedStore resources;
    private final Map<ResourceId, ResourceRecord> read = new HashMap<>();

    public ResourceStore(StagedStore resources) {
        this.resources = resources;
    }

    public ResourceRecord find(ResourceId id) {
        ResourceRecord known = read.get(id);
        if (known != null) {
            return known;
        }
        byte[] value = resources.get(key(id));
        ResourceRecord found = value == null ? ResourceRecord.UNKNOWN : decode(id, value);
        read.put(id, found);
        return found;
    }

    public Optional<ResourceProfile> profile(ResourceId id) {
        return find(id).knownProfile();
    }

    /** @return true if this version was newer than the stored one and was applied */
    public boolean save(ResourceProfile profile, long version) {
        ResourceRecord stored = find(profile.id());
        if (stored.version() >= version) {
            return false;
        }
        write(profile.id(), stored.withProfile(profile, version));
        return true;
    }

    /** Moves the resource to {@code version} for a change of its availability. @return false for a duplicate or older fact */
    public boolean advance(ResourceId id, long version) {
        ResourceRecord stored = find(id);
        if (stored.version() >= version) {
            return false;
        }
        write(id, stored.withVersion(version));
        return true;
    }

    /** Records that the resource was booked this long; the extent only grows. */
    public void bookingLasting(ResourceId id, long millis) {
        ResourceRecord stored = find(id);
        if (millis > stored.longestBookingMillis()) {
            write(id, stored.withLongestBooking(millis));
        }
    }

    /** Records that the resource has had a conflict window this long; the extent only grows. */
    public void conflictLasting(ResourceId id, long millis) {
        ResourceRecord stored = find(id);
        if (millis > stored.longestConflictMillis()) {
            write(id, stored.withLongestConflict(millis));
        }
    }

    /** Records that the resource was marked unavailable for this long; the extent only grows. */
    public void unavailableLasting(ResourceId id, long millis) {
        ResourceRecord stored = find(id);
        if (millis > stored.longestUnavailableMillis()) {
            write(id, stored.withLongestUnavailable(millis));
        }
    }

    /** One of the resource's conflicts became active ({@code +1}) or stopped being active ({@code -1}). */
    public void countActiveConflicts(ResourceId id, int change) {
        ResourceRecord stored = find(id);
        write(id, stored.withActiveConflicts(Math.max(0, stored.activeConflicts() + change)));
    }

    /** The ids of every resource this partition knows, created or only heard of through its bookings, in key order. */
    public List<ResourceId> knownIds() {
        return knownIds(null);
    }

    /** {@link #knownIds()} of the resources of {@code tenant} only, one range of keys; of every resource when null. */
    public List<ResourceId> knownIds(@Nullable Tenant tenant) {
        List<ResourceId> ids = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> row : resources.range(OrderedKey.lowerBoundOf(tenant), OrderedKey.upperBoundOf(tenant))) {
            ids.add(ResourceId.of(new OrderedKey.Reader(row.key).text()));
        }
        return ids;
    }

    /** Forgets what was read; the staged writes it remembered are committed or discarded. */
    public void forget() {
        read.clear();
    }

    private void write(ResourceId id, ResourceRecord resource) {
        Values.Writer writer = Values.writer(FORMAT)
                .writeLong(resource.version())
                .writeLong(resource.longestBookingMillis())
                .writeLong(resource.longestConflictMillis())
                .writeLong(resource.longestUnavailableMillis())
                .writeInt(resource.activeConflicts());
        ResourceProfile profile = resource.profile();
        writer.writeBoolean(profile != null);
        if (profile != null) {
            writer.writeString(profile.type().name());
        }
        resources.put(key(id), writer.toBytes());
        read.put(id, resource);
    }

    private static ResourceRecord decode(ResourceId id, byte[] value) {
        Values.Reader reader = Values.reader(value, FORMAT);
        long version = reader.readLong();
        long longestBooking = reader.readLong();
        long longestConflict = reader.readLong();
        long longestUnavailable = reader.readLong();
        int activeConflicts = reader.readInt();
        ResourceProfile profile = reader.readBoolean() ? new ResourceProfile(id, ResourceType.valueOf(reader.readString())) : null;
        return new ResourceRecord(profile, version, longestBooking, longestConflict, longestUnavailable, activeConflicts);
    }

    private static Bytes key(ResourceId id) {
        return OrderedKey.builder().text(id.value()).build();
    }
}
