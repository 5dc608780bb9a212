package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.UnavailableRange;

class ResourceOccupancyTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final TimeRange DAY = new TimeRange(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));

    @Test
    void oneBookingMakesAResourceBusyAndOverlappingBookingsMergeIntoOneInterval() {
        ResourceOccupancy occupancy = ResourceOccupancy.of(List.of(range(0, 60), range(30, 90), range(120, 150)), List.of(), DAY);

        assertThat(occupancy.busy()).containsExactly(range(0, 90), range(120, 150));
        assertThat(occupancy.blocked()).isEqualTo(occupancy.busy());
        assertThat(occupancy.status()).isEqualTo(ResourceStatus.BUSY);
        assertThat(occupancy.available()).isFalse();
    }

    @Test
    void unavailabilityBlocksLikeABookingAndWinsTheStatus() {
        UnavailableRange repair = new UnavailableRange(at(60), at(180), "repair");
        UnavailableRange elsewhere = new UnavailableRange(at(24 * 60), at(25 * 60), "next day");

        ResourceOccupancy occupancy = ResourceOccupancy.of(List.of(range(0, 90)), List.of(repair, elsewhere), DAY);

        assertThat(occupancy.busy()).containsExactly(range(0, 90));
        assertThat(occupancy.unavailable()).containsExactly(repair);
        assertThat(occupancy.blocked()).containsExactly(range(0, 180));
        assertThat(occupancy.status()).isEqualTo(ResourceStatus.UNAVAILABLE);
    }

    @Test
    void aRangeThatOnlyTouchesTheCheckedRangeDoesNotCount() {
        UnavailableRange before = new UnavailableRange(DAY.start().minusSeconds(3600), DAY.start(), null);

        ResourceOccupancy occupancy = ResourceOccupancy.of(List.of(), List.of(before), DAY);

        assertThat(occupancy.unavailable()).isEmpty();
        assertThat(occupancy.status()).isEqualTo(ResourceStatus.AVAILABLE);
        assertThat(occupancy.available()).isTrue();
    }

    @Test
    void intervalsAreClippedToTheCheckedRange() {
        UnavailableRange longRepair = new UnavailableRange(DAY.start().minusSeconds(86_400), at(60), "repair");

        // From 22:00 to 02:00 the next day.
        ResourceOccupancy occupancy = ResourceOccupancy.of(List.of(new TimeRange(at(13 * 60), at(17 * 60))), List.of(longRepair), DAY);

        assertThat(occupancy.busy()).containsExactly(new TimeRange(at(13 * 60), DAY.end()));
        assertThat(occupancy.blocked()).containsExactly(new TimeRange(DAY.start(), at(60)), new TimeRange(at(13 * 60), DAY.end()));
        assertThat(occupancy.unavailable()).as("the range itself stays whole").containsExactly(longRepair);
    }

    private static TimeRange range(int fromMinute, int tillMinute) {
        return new TimeRange(at(fromMinute), at(tillMinute));
    }

    private static Instant at(int minutes) {
        return NINE.plusSeconds(60L * minutes);
    }
}
