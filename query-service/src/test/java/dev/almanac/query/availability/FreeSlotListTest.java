package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.platform.json.AlmanacJson;

/**
 * {@link FreeSlotList} must write exactly what Jackson writes for the same slots as a plain
 * {@code List<FreeSlot>}, with the HTTP mapper's convention: compared as text, over every wall
 * clock of the zone database around its transitions, and where the fast path gives way.
 */
class FreeSlotListTest {

    /** Spring's HTTP mapper is built by this customizer (AlmanacJsonAutoConfiguration). */
    private static final JsonMapper JSON = AlmanacJson.strictRequests(JsonMapper.builder()).build();
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final Duration BUFFER = Duration.ofMinutes(15);

    @Test
    void aBatchAnswerOfFiftyResourcesIsWrittenAsTheListsOfFreeSlotsWouldBe() {
        List<ZoneId> zones = List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
                ZoneId.of("Australia/Lord_Howe"), ZoneOffset.UTC);
        Random random = new Random(10);
        // The week of New York's fall-back, with bookings and an unavailable range, as the endpoint answers it.
        TimeRange week = range("2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z");
        TimeRange checked = new TimeRange(week.start().minus(BUFFER), week.end().plus(BUFFER));
        List<ResourceAvailability> fast = new ArrayList<>();
        List<ResourceAvailability> plain = new ArrayList<>();
        int slots = 0;
        for (int resource = 0; resource < 50; resource++) {
            ZoneId zone = zones.get(resource % zones.size());
            List<TimeRange> bookings = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Instant start = week.start().plus(Duration.ofMinutes(5L * random.nextInt(7 * 288)));
                bookings.add(new TimeRange(start, start.plus(Duration.ofMinutes(30 + 15 * random.nextInt(7)))));
            }
            Instant away = week.start().plus(Duration.ofHours(50 + resource % 20));
            ResourceOccupancy occupancy = ResourceOccupancy.of(bookings,
                    List.of(new UnavailableRange(away, away.plus(Duration.ofHours(4)), "maintenance")), checked);
            SlotGrid grid = new SlotGrid(zone, HALF_HOUR, HALF_HOUR);
            FreeSlotList free = grid.freeSlots(grid.candidateStarts(week), BUFFER, occupancy.blocked());
            slots += free.size();
            ResourceAvailability answer = new ResourceAvailability("res-" + resource, "Resource " + resource, ResourceType.VENUE, zone,
                    occupancy.status(), occupancy.available(), occupancy.unavailable(), List.of(), free);
            fast.add(answer);
            plain.add(new ResourceAvailability(answer.resourceId(), answer.name(), answer.type(), zone, answer.status(),
                    answer.available(), answer.unavailable(), answer.busy(), new ArrayList<>(free)));
        }
        fast.add(ResourceAvailability.unknown("res-gone"));
        plain.add(ResourceAvailability.unknown("res-gone"));

        String written = JSON.writeValueAsString(result(week, fast));
        assertThat(slots).isGreaterThan(3_000);
        assertThat(written).isEqualTo(JSON.writeValueAsString(result(week, plain)))
                .contains("\"local_start\":\"2026-11-01T01:30:00-04:00\"", "\"local_start\":\"2026-11-01T01:30:00-05:00\"",
                        "\"local_start\":\"2026-10-26T05:30:00+05:30\"", "+05:45\"", "\"start\":\"2026-10-26T00:00:00Z\"");
    }

    @Test
    void everyZoneOfTheDatabaseIsWrittenAsJacksonWritesItAroundItsTransitions() {
        Random random = new Random(2026);
        int compared = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            // The months in which the zones that change their clocks do so, and a day from when many kept local mean time.
            for (TimeRange range : List.of(range("2026-03-06T00:00:00Z", "2026-04-07T00:00:00Z"),
                    range("2026-09-25T00:00:00Z", "2026-11-03T00:00:00Z"), range("1911-12-31T00:00:00Z", "1912-01-02T00:00:00Z"))) {
                Duration increment = List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)).get(random.nextInt(3));
                SlotGrid grid = new SlotGrid(zone, increment, increment.multipliedBy(1 + random.nextInt(3)));
                FreeSlotList all = grid.freeSlots(grid.candidateStarts(range), Duration.ZERO, List.of());
                assertThat(JSON.writeValueAsString(all)).as("%s over %s", zone, range).isEqualTo(JSON.writeValueAsString(new ArrayList<>(all)));
                compared += all.size();
            }
        }
        assertThat(compared).isGreaterThan(200_000);
    }

    @Test
    void whereTheArithmeticDoesNotReachJacksonWritesTheSlot() {
        // A zone whose offset has seconds (Monrovia until 1972), slots of a fraction of a second, years beyond 9999.
        List<FreeSlotList> lists = List.of(
                new FreeSlotList(ZoneId.of("Africa/Monrovia"), new long[] {Instant.parse("1960-06-01T12:00:00Z").getEpochSecond()},
                        HALF_HOUR),
                new FreeSlotList(ZoneOffset.ofHoursMinutesSeconds(1, 2, 3), new long[] {0, 1_800}, HALF_HOUR),
                new FreeSlotList(ZoneId.of("Europe/Paris"), new long[] {1_800_000_000L}, Duration.ofMillis(1_500)),
                new FreeSlotList(ZoneId.of("Asia/Tokyo"), new long[] {Instant.parse("9999-12-31T14:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:00:00Z").getEpochSecond()}, HALF_HOUR),
                new FreeSlotList(ZoneId.of("America/New_York"), new long[] {Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()},
                        HALF_HOUR));
        for (FreeSlotList list : lists) {
            assertThat(JSON.writeValueAsString(list)).isEqualTo(JSON.writeValueAsString(new ArrayList<>(list)));
        }
        assertThat(JSON.writeValueAsString(lists.get(2))).contains("\"end\":\"2027-01-15T08:00:01.500Z\"");
    }

    @Test
    void noSlotIsAnEmptyArrayAndAnAbsentListIsLeftOut() {
        FreeSlotList none = new FreeSlotList(ZoneOffset.UTC, new long[0], HALF_HOUR);

        assertThat(JSON.writeValueAsString(none)).isEqualTo("[]");
        assertThat(JSON.writeValueAsString(new ResourceAvailability("res-a", "A", ResourceType.STAFF, ZoneOffset.UTC,
                ResourceStatus.BUSY, false, List.of(), List.of(), none))).contains("\"free_slots\":[]");
        assertThat(JSON.writeValueAsString(ResourceAvailability.unknown("res-a"))).doesNotContain("free_slots");
    }

    @Test
    void readAsAListItHoldsTheFreeSlots() {
        FreeSlotList slots = new FreeSlotList(ZoneId.of("America/New_York"),
                new long[] {Instant.parse("2026-12-01T15:00:00Z").getEpochSecond()}, HALF_HOUR);

        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(slots.get(0).end()).isEqualTo(Instant.parse("2026-12-01T15:30:00Z"));
        assertThat(slots.get(0).localStart()).hasToString("2026-12-01T10:00-05:00");
        assertThat(slots.get(0).localEnd()).hasToString("2026-12-01T10:30-05:00");
    }

    private static ResourceCheckMultipleResult result(TimeRange week, List<ResourceAvailability> answers) {
        return new ResourceCheckMultipleResult(week.start(), week.end(), "PT15M", week.start().minus(BUFFER), week.end().plus(BUFFER),
                "PT30M", "PT30M", answers);
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(Instant.parse(start), Instant.parse(end));
    }
}
