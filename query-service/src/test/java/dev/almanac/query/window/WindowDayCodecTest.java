package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Tenant;
import dev.almanac.query.entry.SlotSummary;

class WindowDayCodecTest {

    private final WindowDayCodec codec = new WindowDayCodec();

    @Test
    void writesBackTheDocumentItReadWhereNothingChanged() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("team.ops", SlotSummary.builder().add(0, "meeting", 900).add(95, "job", 60).build());
        calendars.put("bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        Document stored = codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars));

        Document again = codec.encode(codec.decode(stored));

        assertThat(again).isEqualTo(stored);
    }

    /** In multi-tenant mode a tenant's day is kept under an id of its own, and read back as the tenant's (ADR 0102). */
    @Test
    void aTenantsDayIsKeptUnderItsOwnId() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("acme:bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        Document stored = codec.encode(new WindowDay(Tenant.of("acme"), LocalDate.parse("2026-12-01"), calendars));

        WindowDay read = codec.decode(stored);

        assertThat(stored.getString("_id")).isEqualTo("acme/2026-12-01");
        assertThat(read.tenant()).isEqualTo(Tenant.of("acme"));
        assertThat(read.day()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(codec.encode(read)).isEqualTo(stored);
        assertThat(WindowDay.emptyOf("2026-12-01").tenant()).isNull();
        assertThat(WindowDayScope.TENANT.idOf("acme:bell", LocalDate.parse("2026-12-01"))).isEqualTo("acme/2026-12-01");
        assertThat(WindowDayScope.EVERY_CALENDAR.idOf("acme:bell", LocalDate.parse("2026-12-01"))).isEqualTo("2026-12-01");
    }

    @Test
    void aChangedCalendarChangesItsSummaryTheCountsAndTheTotalOnly() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        calendars.put("team.ops", SlotSummary.builder().add(0, "meeting", 900).build());
        Document stored = codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars));

        WindowDay read = codec.decode(stored);
        Document changed = codec.encode(read.with("bell", SlotSummary.builder().add(37, "meeting", 2, 3_600).build()));

        assertThat(changed.get(WindowDayCodec.CALENDARS, Document.class).get("team%2Eops"))
                .isEqualTo(stored.get(WindowDayCodec.CALENDARS, Document.class).get("team%2Eops"));
        assertThat(changed.get(WindowDayCodec.CALENDARS, Document.class).get("bell"))
                .isNotEqualTo(stored.get(WindowDayCodec.CALENDARS, Document.class).get("bell"));
        assertThat(codec.decode(changed).merged().count(37)).isEqualTo(2);
        assertThat(codec.decode(changed).merged().total()).isEqualTo(3);
        assertThat(read.with("bell", SlotSummary.EMPTY).calendars()).containsOnlyKeys("team.ops");
    }

    /**
     * A day read from its document and changed derives its counts and total from the stored ones; the document must be
     * the one a day built afresh from the same calendars encodes to, whatever the changes: calendars added, changed twice,
     * emptied, a type gone from every calendar.
     */
    @Test
    void aReadDayChangedEncodesAsTheSameDayBuiltAfresh() {
        Random random = new Random(11);
        List<String> types = List.of("meeting", "job", "review");
        for (int round = 0; round < 200; round++) {
            TreeMap<String, SlotSummary> calendars = new TreeMap<>();
            int stored = random.nextInt(12);
            for (int calendar = 0; calendar < stored; calendar++) {
                calendars.put("cal-" + random.nextInt(20), summary(random, types));
            }
            WindowDay day = codec.decode(codec.encode(new WindowDay(LocalDate.parse("2026-03-29"), calendars)));
            int changes = 1 + random.nextInt(4);
            for (int change = 0; change < changes; change++) {
                String calendarId = "cal-" + random.nextInt(20);
                SlotSummary summary = random.nextInt(4) == 0 ? SlotSummary.EMPTY : summary(random, types.subList(0, 1 + random.nextInt(3)));
                day = day.with(calendarId, summary);
            }

            Document incremental = codec.encode(day);
            Document afresh = codec.encode(new WindowDay(day.day(), day.calendars()));

            assertThat(incremental).as("round %d", round).isEqualTo(afresh);
        }
    }

    @Test
    void aDocumentWithoutItsDerivedFieldsIsDerivedAgainInWhole() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        Document stored = codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars));
        stored.remove(WindowDayCodec.COUNTS);

        Document written = codec.encode(codec.decode(stored).with("team.ops", SlotSummary.builder().add(0, "job", 60).build()));

        calendars.put("team.ops", SlotSummary.builder().add(0, "job", 60).build());
        assertThat(written).isEqualTo(codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars)));
    }

    private static SlotSummary summary(Random random, List<String> types) {
        SlotSummary.Builder summary = SlotSummary.builder();
        int entries = 1 + random.nextInt(6);
        for (int entry = 0; entry < entries; entry++) {
            summary.add(random.nextInt(96), types.get(random.nextInt(types.size())), 60L * (1 + random.nextInt(120)));
        }
        return summary.build();
    }
}
