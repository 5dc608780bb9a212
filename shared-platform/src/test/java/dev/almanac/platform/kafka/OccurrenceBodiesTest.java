package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;

/**
 * The hand-written occurrence JSON must be the event mapper's, byte for byte: over generated passes
 * whose occurrences share their rule's parts, with text JSON must escape, absent and present
 * optional fields, instants and local times with and without fractions and outside four-digit
 * years, and passes that differ from the one before in a single field.
 */
class OccurrenceBodiesTest {

    private static final String[] ODD_TEXT = {"", "Nightly cleanup", "quote \" backslash \\ slash /", "tab\tnew line\ncr\r",
            "\u0000\u0001\u001f\u007f", "caf\u00e9 \u4e2d\u6587 \u0928\u092e\u0938\u094d\u0924\u0947", "emoji \ud83d\ude00 and \ud83c\udf89",
            "line separators \u2028\u2029", "</script><!--", "\u00a0non-breaking", "a".repeat(600)};
    private static final char[] ID_CHARACTERS = "abcxyzABCXYZ0189._:-".toCharArray();
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Australia/Lord_Howe"), ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.UTC, ZoneId.of("Etc/GMT+12"));

    private final JsonMapper mapper = AlmanacJson.eventMapper();
    private final Random random = new Random(31);

    @Test
    void everyGeneratedOccurrenceIsWrittenAsTheMapperWritesIt() {
        OccurrenceBodies bodies = OccurrenceBodies.matching(mapper);
        assertThat(bodies).as("a writer for the event mapper").isNotNull();
        OccurrenceMaterialized pass = occurrence();
        int compared = 0;
        for (int p = 0; p < 3_000; p++) {
            pass = random.nextInt(3) == 0 ? occurrence() : changedInOneField(pass);
            for (int i = random.nextInt(8); i >= 0; i--) {
                OccurrenceMaterialized event = sameRule(pass);
                assertSameBytes(bodies.write(event), mapper.writeValueAsBytes(event), event);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void theSamplesAreWrittenAsTheMapperWritesThem() {
        OccurrenceBodies bodies = OccurrenceBodies.matching(mapper);
        assertThat(bodies).isNotNull();
        for (var event : EventSamples.all()) {
            if (event instanceof OccurrenceMaterialized occurrence) {
                assertSameBytes(bodies.write(occurrence), mapper.writeValueAsBytes(occurrence), occurrence);
            }
        }
    }

    @Test
    void aMapperThatWritesOccurrencesOtherwiseKeepsWritingThem() {
        JsonMapper indenting = AlmanacJson.eventMapper().rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

        assertThat(OccurrenceBodies.matching(indenting)).isNull();
        OccurrenceMaterialized event = sameRule(occurrence());
        assertThat(new EventCodec(indenting).toJson(event)).isEqualTo(indenting.writeValueAsBytes(event));
    }

    @Test
    void theWriterKnowsEveryFieldOfTheEvent() {
        // A new field of OccurrenceMaterialized turns the writer off until it writes that field too.
        assertThat(Arrays.stream(OccurrenceMaterialized.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly(OccurrenceBodies.FIELDS);
    }

    private static void assertSameBytes(byte[] written, byte[] expected, OccurrenceMaterialized event) {
        assertThat(new String(written, StandardCharsets.UTF_8)).as("%s", event).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).as("%s", event).isEqualTo(expected);
    }

    /** A new rule's occurrence, every field drawn afresh. */
    private OccurrenceMaterialized occurrence() {
        return new OccurrenceMaterialized(OccurrenceId.of(id()), RuleId.of(id()), version(), CalendarId.of(id()), text(), text(),
                instant(), instant(), instant(), pick(ZONES), localDateTime(), policy(), pick(List.of(DstResolution.values())), text(),
                random.nextBoolean() ? null : instant(), random.nextBoolean() ? null : OccurrenceId.of(id()), resources());
    }

    /** Another occurrence of the same rule version: only what varies within a pass is drawn again. */
    private OccurrenceMaterialized sameRule(OccurrenceMaterialized rule) {
        return new OccurrenceMaterialized(OccurrenceId.of(id()), rule.ruleId(), rule.ruleVersion(), rule.calendarId(), rule.title(),
                rule.type(), instant(), instant(), instant(), rule.timezone(), localDateTime(), rule.dstPolicy(),
                pick(List.of(DstResolution.values())), rule.tzdataVersion(), random.nextInt(4) == 0 ? instant() : null,
                random.nextInt(4) == 0 ? OccurrenceId.of(id()) : null, rule.resources());
    }

    /** The rule of {@code rule} with exactly one of the parts a pass shares changed. */
    private OccurrenceMaterialized changedInOneField(OccurrenceMaterialized rule) {
        RuleId ruleId = rule.ruleId();
        long version = rule.ruleVersion();
        CalendarId calendarId = rule.calendarId();
        String title = rule.title();
        String type = rule.type();
        ZoneId zone = rule.timezone();
        DstPolicy policy = rule.dstPolicy();
        String tzdata = rule.tzdataVersion();
        List<ResourceBooking> resources = rule.resources();
        switch (random.nextInt(9)) {
            case 0 -> ruleId = RuleId.of(id());
            case 1 -> version = version + 1;
            case 2 -> calendarId = CalendarId.of(id());
            case 3 -> title = title + text();
            case 4 -> type = type + "x";
            case 5 -> zone = pick(ZONES);
            case 6 -> policy = policy();
            case 7 -> tzdata = tzdata + "a";
            default -> resources = resources();
        }
        return new OccurrenceMaterialized(rule.occurrenceId(), ruleId, version, calendarId, title, type, rule.resolvedAt(),
                rule.start(), rule.end(), zone, rule.nominalLocalTime(), policy, rule.dstResolution(), tzdata, null, null, resources);
    }

    private String id() {
        StringBuilder id = new StringBuilder().append(ID_CHARACTERS[random.nextInt(12)]);
        for (int length = random.nextInt(random.nextInt(10) == 0 ? 128 : 40); length > 0; length--) {
            id.append(ID_CHARACTERS[random.nextInt(ID_CHARACTERS.length)]);
        }
        return id.toString();
    }

    private String text() {
        return random.nextInt(3) == 0 ? pick(List.of(ODD_TEXT)) + pick(List.of(ODD_TEXT)) : pick(List.of(ODD_TEXT));
    }

    private long version() {
        return pick(List.of(0L, 1L, 7L, 1_000_000L, Long.MAX_VALUE, (long) random.nextInt(Integer.MAX_VALUE)));
    }

    /** Mostly whole seconds around now, some with milli-, micro- or nanoseconds, a few outside years 0000 to 9999. */
    private Instant instant() {
        return switch (random.nextInt(10)) {
            case 0 -> Instant.ofEpochSecond(1_790_000_000L + random.nextInt(100_000_000), random.nextInt(1000) * 1_000_000L);
            case 1 -> Instant.ofEpochSecond(1_790_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000) * 1_000L);
            case 2 -> Instant.ofEpochSecond(1_790_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
            case 3 -> pick(List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                    Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.EPOCH, Instant.MAX, Instant.MIN));
            default -> Instant.ofEpochSecond(1_790_000_000L + random.nextInt(100_000_000));
        };
    }

    private LocalDateTime localDateTime() {
        LocalDateTime time = LocalDateTime.of(2026 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(4) == 0 ? random.nextInt(60) : 0);
        return switch (random.nextInt(12)) {
            case 0 -> time.withNano(random.nextInt(1_000_000_000));
            case 1 -> time.withNano(random.nextInt(1000) * 1_000_000);
            case 2 -> time.withYear(pick(List.of(-1, 0, 9999, 10_000, 999_999_999, -999_999_999)));
            default -> time;
        };
    }

    private DstPolicy policy() {
        return new DstPolicy(pick(List.of(GapPolicy.values())), pick(List.of(OverlapPolicy.values())));
    }

    private List<ResourceBooking> resources() {
        List<ResourceBooking> resources = new ArrayList<>();
        for (int count = random.nextInt(4); count > 0; count--) {
            resources.add(new ResourceBooking(ResourceId.of(id()), pick(List.of(ResourceRole.values()))));
        }
        return resources;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
