package dev.almanac.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;

class AlmanacJsonTest {

    private final JsonMapper mapper = AlmanacJson.eventMapper();

    @Test
    void writesSnakeCaseNamesLowerCaseEnumsAndIsoInstants() {
        JsonNode json = mapper.valueToTree(EventSamples.occurrenceMaterialized());

        assertThat(json.get("occurrence_id").asString()).isEqualTo(EventSamples.occurrenceMaterialized().occurrenceId().value());
        assertThat(json.get("dst_resolution").asString()).isEqualTo("gap_shifted");
        assertThat(json.get("dst_policy").get("gap").asString()).isEqualTo("shift_forward");
        assertThat(json.get("start").asString()).isEqualTo("2027-03-14T07:30:00Z");
        assertThat(json.get("timezone").asString()).isEqualTo("America/New_York");
        assertThat(json.get("nominal_local_time").asString()).isEqualTo("2027-03-14T02:30:00");
    }

    @Test
    void readsWhatItWrites() {
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();

        assertThat(mapper.readValue(mapper.writeValueAsString(sample), OccurrenceMaterialized.class)).isEqualTo(sample);
    }

    @Test
    void writesEveryInstantAsInstantToStringDoes() {
        JsonMapper plain = JsonMapper.builder().build();
        List<Instant> instants = List.of(Instant.parse("2026-03-08T07:30:00Z"), Instant.EPOCH, Instant.parse("2026-11-20T11:59:30.123456Z"),
                Instant.parse("2026-11-20T11:59:30.100Z"), Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.ofEpochSecond(-1));
        for (Instant instant : instants) {
            assertThat(mapper.writeValueAsString(instant)).as("%s", instant).isEqualTo('"' + instant.toString() + '"')
                    .isEqualTo(plain.writeValueAsString(instant));
        }
        for (long second = 1_700_000_000L; second < 1_900_000_000L; second += 3_607L * 24 + 17) {
            Instant instant = Instant.ofEpochSecond(second);
            assertThat(mapper.writeValueAsString(instant)).isEqualTo('"' + instant.toString() + '"');
        }
    }

    @Test
    void writesEveryOffsetDateTimeAsJacksonsOwnSerializerDoes() {
        JsonMapper plain = JsonMapper.builder().build();
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/St_Johns"),
                ZoneId.of("America/New_York"), ZoneId.of("Pacific/Chatham"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"),
                ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Europe/Amsterdam"), ZoneId.of("Africa/Monrovia"), ZoneOffset.ofHoursMinutes(-9, -30),
                ZoneOffset.ofTotalSeconds(5 * 3600 + 53 * 60 + 28));
        List<Instant> instants = List.of(Instant.parse("2026-03-08T07:30:00Z"), Instant.EPOCH, Instant.parse("2026-11-20T11:59:30.123456Z"),
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("1972-01-01T00:00:00Z"), Instant.parse("0000-01-01T12:00:00Z"),
                Instant.parse("9999-12-31T10:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"));
        for (ZoneId zone : zones) {
            for (Instant instant : instants) {
                OffsetDateTime value = instant.atZone(zone).toOffsetDateTime();
                assertThat(mapper.writeValueAsString(value)).as("%s", value).isEqualTo(plain.writeValueAsString(value));
            }
            for (long second = -2_500_000_000L; second < 2_500_000_000L; second += 3_607L * 24 * 7 + 17) {
                OffsetDateTime value = Instant.ofEpochSecond(second).atZone(zone).toOffsetDateTime();
                assertThat(mapper.writeValueAsString(value)).as("%s", value).isEqualTo(plain.writeValueAsString(value));
            }
        }
    }

    @Test
    void translatesJavaPathsToWireNames() {
        assertThat(AlmanacJson.wireName("jobTemplate.timeoutSeconds")).isEqualTo("job_template.timeout_seconds");
        assertThat(AlmanacJson.wireName("jobs[2].newTime")).isEqualTo("jobs[2].new_time");
        assertThat(AlmanacJson.wireName("start")).isEqualTo("start");
    }

    /** Another form, a number, null or a malformed text goes to Jackson's own deserializer, configured as without the fast path. */
    @Test
    void readsInstantsAndLocalTimesAsJacksonsOwnDeserializersDo() {
        JsonMapper jacksons = AlmanacJson.configure(JsonMapper.builder())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<String> instants = List.of("\"2026-03-08T07:30:00Z\"", "\"2026-03-08T07:30:00.123Z\"", "\"0000-01-01T00:00:00Z\"",
                "\"2026-03-08T07:30:00+01:00\"", "\"+10000-01-01T00:00:00Z\"", "\"2026-02-29T00:00:00Z\"", "\"2026-03-08T23:59:60Z\"",
                "\" 2026-03-08T07:30:00Z \"", "\"\"", "\"soon\"", "1700000000", "1700000000.25", "null", "[]", "{}");
        List<String> locals = List.of("\"2027-03-14T02:30:00\"", "\"2027-03-14T02:30:00.5\"", "\"2027-03-14T02:30\"",
                "\"2027-03-14T02:30:00Z\"", "\"2027-02-29T02:30:00\"", "\"\"", "\"later\"", "null", "[2027,3,14,2,30]", "5");
        for (String instant : instants) {
            for (String local : locals) {
                String json = "{\"at\":" + instant + ",\"local\":" + local + "}";

                assertThat(outcome(mapper, json)).as(json).isEqualTo(outcome(jacksons, json));
            }
        }
    }

    @Test
    void readsThePlainFormByArithmeticForEvents() {
        DeserializationContext context = mapper._deserializationContext();

        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class))).isInstanceOf(WireInstants.PlainFirst.class);
        assertThat(context.findRootValueDeserializer(mapper.constructType(LocalDateTime.class)))
                .isInstanceOf(WireInstants.PlainFirst.class);
    }

    /** The event mapper without {@link SpreadCreators}: records built by Jackson's own instantiator. */
    private static JsonMapper withJacksonsInstantiator() {
        return AlmanacJson.configure(JsonMapper.builder())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(WireInstants.reading())
                .build();
    }

    @Test
    void buildsRecordsThroughASpreaderForEvents() {
        DeserializationContext context = mapper._deserializationContext();

        for (Class<?> type : List.of(OccurrenceMaterialized.class, Guarded.class, Times.class)) {
            BeanDeserializerBase deserializer = (BeanDeserializerBase) context.findRootValueDeserializer(mapper.constructType(type));
            assertThat(deserializer.getValueInstantiator()).as("%s", type).isInstanceOf(SpreadCreators.Spread.class);
        }
    }

    @Test
    void readsEveryEventAsJacksonsOwnInstantiatorDoes() {
        JsonMapper jacksons = withJacksonsInstantiator();
        for (AlmanacEvent event : EventSamples.all()) {
            byte[] json = jacksons.writeValueAsBytes(event);

            assertThat(mapper.readValue(json, event.getClass())).isEqualTo(jacksons.readValue(json, event.getClass())).isEqualTo(event);
        }
    }

    /** A constructor's exception, a missing primitive, a wrong type: the same value or the same error, message and all. */
    @Test
    void refusesWhatJacksonsOwnInstantiatorRefuses() {
        JsonMapper jacksons = withJacksonsInstantiator();
        List<String> bodies = List.of("{\"name\":\"gala\",\"seats\":3}", "{\"name\":\"gala\",\"seats\":0}", "{\"seats\":3}",
                "{\"name\":null,\"seats\":3}", "{\"name\":\"gala\"}", "{\"name\":\"gala\",\"seats\":null}",
                "{\"name\":\"gala\",\"seats\":\"three\"}", "{\"name\":[],\"seats\":3}", "{\"name\":\"gala\",\"seats\":3,\"extra\":1}",
                "{\"name\":\"fail\",\"seats\":3}", "{}", "[]", "null", "\"gala\"");
        for (String json : bodies) {
            assertThat(guarded(mapper, json)).as(json).isEqualTo(guarded(jacksons, json));
        }
        assertThat(guarded(mapper, "{\"name\":\"gala\",\"seats\":0}")).contains("seats must be positive");
    }

    private static String guarded(JsonMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Guarded.class));
        } catch (JacksonException e) {
            StringBuilder outcome = new StringBuilder(e.getClass().getName() + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                outcome.append(", caused by ").append(cause);
            }
            return outcome.toString();
        } catch (AssertionError e) {
            return e.toString();
        }
    }

    private static String outcome(JsonMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Times.class));
        } catch (JacksonException e) {
            return e.getClass().getName() + ": " + e.getOriginalMessage();
        }
    }

    record Times(@Nullable Instant at, @Nullable LocalDateTime local) {
    }

    /** Refuses in its constructor, with an exception and, for the name "fail", with an error, which Jackson lets through. */
    record Guarded(String name, int seats) {

        Guarded {
            Objects.requireNonNull(name, "name");
            if (seats <= 0) {
                throw new IllegalArgumentException("seats must be positive, not " + seats);
            }
            if (name.equals("fail")) {
                throw new AssertionError("the constructor failed");
            }
        }
    }
}
