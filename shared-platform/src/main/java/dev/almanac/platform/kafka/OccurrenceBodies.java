package dev.almanac.platform.kafka;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.IsoInstants;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;

/**
 * Writes an {@link OccurrenceMaterialized}'s JSON, byte for byte what the event mapper writes, at a
 * fraction of its CPU: rule-expander publishes millions of them, and the mapper's JSON was a fifth
 * of the cold start's CPU (ADR 0031). A rule's pass publishes occurrences that differ only in their
 * id, instants, nominal time, resolution and the two optional fields; everything else the mapper
 * writes once for the pass, and every value that varies is ASCII that JSON never escapes (an id
 * matches {@code Identifiers.PATTERN}; instants and local times are ISO-8601). Each thread keeps the
 * last pass's parts; a different rule, version or definition writes them again.
 */
final class OccurrenceBodies {

    private static final byte[] OCCURRENCE_ID = ascii("{\"occurrence_id\":\"");
    private static final byte[] START = ascii("\",\"start\":\"");
    private static final byte[] END = ascii("\",\"end\":\"");
    private static final byte[] BACKFILL_OF = ascii(",\"backfill_of\":");
    private static final byte[] NULL = ascii("null");
    /** The event's fields this writer lays out, in their order. */
    static final String[] FIELDS = {"occurrenceId", "ruleId", "ruleVersion", "calendarId", "title", "type", "resolvedAt", "start",
            "end", "timezone", "nominalLocalTime", "dstPolicy", "dstResolution", "tzdataVersion", "movedFrom", "backfillOf", "resources"};
    private static final int LOCAL_DATE_TIME_LENGTH = "2026-03-08T02:30:00".length();

    private final JsonMapper mapper;
    private final byte[][] resolutions;
    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);

    OccurrenceBodies(JsonMapper mapper) {
        this.mapper = mapper;
        this.resolutions = Arrays.stream(DstResolution.values()).map(mapper::writeValueAsBytes).toArray(byte[][]::new);
    }

    /**
     * A writer for {@code mapper}, or null when the mapper writes occurrences otherwise than this
     * writer lays them out (another naming, indentation, a field added to the event): then the
     * mapper writes them itself. The event's fields must be {@link #FIELDS}, and two probes, one
     * with every optional field and one without, must come out the same.
     */
    static @Nullable OccurrenceBodies matching(JsonMapper mapper) {
        // A field added to the event would escape the probes if the mapper left it out when null.
        if (!Arrays.equals(Arrays.stream(OccurrenceMaterialized.class.getRecordComponents()).map(RecordComponent::getName).toArray(),
                FIELDS)) {
            return null;
        }
        OccurrenceBodies bodies = new OccurrenceBodies(mapper);
        RuleId rule = RuleId.of("probe-rule");
        OccurrenceMaterialized plain = new OccurrenceMaterialized(OccurrenceId.of("probe-occurrence"), rule, 3,
                CalendarId.of("probe-calendar"), "Probe", "probe_job", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
                ZoneId.of("UTC"), LocalDateTime.of(1970, 1, 1, 0, 0), DstPolicy.DEFAULT, DstResolution.EXACT, "2025b");
        OccurrenceMaterialized everything = new OccurrenceMaterialized(OccurrenceId.of("probe-run"), rule, 4,
                CalendarId.of("probe-calendar"), "Probe \"\u00e9\"", "probe_job", Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Instant.EPOCH.plusSeconds(61), ZoneId.of("Europe/London"), LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                DstPolicy.DEFAULT, DstResolution.GAP_SHIFTED, "2025b", Instant.EPOCH, OccurrenceId.of("probe-occurrence"),
                List.of(new ResourceBooking(ResourceId.of("probe-resource"), ResourceRole.PRIMARY)));
        for (OccurrenceMaterialized probe : List.of(plain, everything)) {
            if (!Arrays.equals(bodies.write(probe), mapper.writeValueAsBytes(probe))) {
                return null;
            }
        }
        return bodies;
    }

    byte[] write(OccurrenceMaterialized event) {
        Writer writer = writers.get();
        PassParts parts = writer.parts;
        if (parts == null || !parts.fits(event)) {
            parts = new PassParts(event, mapper);
            writer.parts = parts;
        }
        return writer.write(event, parts, this);
    }

    /** The parts every occurrence of one rule version shares, each run of fields between two that vary. */
    private static final class PassParts {

        private final RuleId ruleId;
        private final long ruleVersion;
        private final CalendarId calendarId;
        private final String title;
        private final String type;
        private final ZoneId timezone;
        private final DstPolicy dstPolicy;
        private final String tzdataVersion;
        private final List<ResourceBooking> resources;
        /** From after the occurrence id up to the opening quote of {@code resolved_at}. */
        private final byte[] afterId;
        /** From after {@code end}'s closing quote up to {@code nominal_local_time}'s value. */
        private final byte[] afterEnd;
        /** From after the nominal time up to {@code dst_resolution}'s value. */
        private final byte[] afterNominal;
        /** From after the resolution up to {@code moved_from}'s value. */
        private final byte[] afterResolution;
        /** From after {@code backfill_of}'s value to the end. */
        private final byte[] afterBackfillOf;

        PassParts(OccurrenceMaterialized event, JsonMapper mapper) {
            this.ruleId = event.ruleId();
            this.ruleVersion = event.ruleVersion();
            this.calendarId = event.calendarId();
            this.title = event.title();
            this.type = event.type();
            this.timezone = event.timezone();
            this.dstPolicy = event.dstPolicy();
            this.tzdataVersion = event.tzdataVersion();
            this.resources = event.resources();
            this.afterId = concat(ascii("\",\"rule_id\":"), mapper.writeValueAsBytes(ruleId),
                    ascii(",\"rule_version\":" + ruleVersion + ",\"calendar_id\":"), mapper.writeValueAsBytes(calendarId),
                    ascii(",\"title\":"), mapper.writeValueAsBytes(title),
                    ascii(",\"type\":"), mapper.writeValueAsBytes(type),
                    ascii(",\"resolved_at\":\""));
            this.afterEnd = concat(ascii("\",\"timezone\":"), mapper.writeValueAsBytes(timezone), ascii(",\"nominal_local_time\":"));
            this.afterNominal = concat(ascii(",\"dst_policy\":"), mapper.writeValueAsBytes(dstPolicy), ascii(",\"dst_resolution\":"));
            this.afterResolution = concat(ascii(",\"tzdata_version\":"), mapper.writeValueAsBytes(tzdataVersion), ascii(",\"moved_from\":"));
            this.afterBackfillOf = concat(ascii(",\"resources\":"), mapper.writeValueAsBytes(resources), ascii("}"));
        }

        boolean fits(OccurrenceMaterialized event) {
            return ruleVersion == event.ruleVersion()
                    && ruleId.equals(event.ruleId())
                    && calendarId.equals(event.calendarId())
                    && title.equals(event.title())
                    && type.equals(event.type())
                    && timezone.equals(event.timezone())
                    && dstPolicy.equals(event.dstPolicy())
                    && tzdataVersion.equals(event.tzdataVersion())
                    && resources.equals(event.resources());
        }
    }

    /** One thread's last pass parts, and the buffer it writes a body into before copying it out. */
    private static final class Writer {

        private @Nullable PassParts parts;
        private byte[] buffer = new byte[1024];
        private int length;

        byte[] write(OccurrenceMaterialized event, PassParts parts, OccurrenceBodies bodies) {
            length = 0;
            put(OCCURRENCE_ID);
            putAscii(event.occurrenceId().value());
            put(parts.afterId);
            putInstant(event.resolvedAt());
            put(START);
            putInstant(event.start());
            put(END);
            putInstant(event.end());
            put(parts.afterEnd);
            putLocalDateTime(event.nominalLocalTime(), bodies.mapper);
            put(parts.afterNominal);
            put(bodies.resolutions[event.dstResolution().ordinal()]);
            put(parts.afterResolution);
            Instant movedFrom = event.movedFrom();
            if (movedFrom == null) {
                put(NULL);
            } else {
                putQuoted(movedFrom);
            }
            put(BACKFILL_OF);
            OccurrenceId backfillOf = event.backfillOf();
            if (backfillOf == null) {
                put(NULL);
            } else {
                putByte('"');
                putAscii(backfillOf.value());
                putByte('"');
            }
            put(parts.afterBackfillOf);
            return Arrays.copyOf(buffer, length);
        }

        private void putQuoted(Instant instant) {
            putByte('"');
            putInstant(instant);
            putByte('"');
        }

        /** As {@code WireInstants} writes it, without the quotes. */
        private void putInstant(Instant instant) {
            long epochSecond = instant.getEpochSecond();
            if (instant.getNano() == 0 && IsoInstants.writable(epochSecond)) {
                ensure(IsoInstants.LENGTH);
                IsoInstants.write(epochSecond, buffer, length);
                length += IsoInstants.LENGTH;
            } else {
                putAscii(IsoInstants.toString(instant));
            }
        }

        /** As the mapper's ISO local date-time, quoted: always with seconds, and a fraction only when there is one. */
        private void putLocalDateTime(LocalDateTime time, JsonMapper mapper) {
            if (time.getNano() != 0 || time.getYear() < 0 || time.getYear() > 9999) {
                put(mapper.writeValueAsBytes(time));
                return;
            }
            ensure(LOCAL_DATE_TIME_LENGTH + 2);
            byte[] into = buffer;
            int at = length;
            into[at] = '"';
            int century = time.getYear() / 100;
            twoDigits(century, into, at + 1);
            twoDigits(time.getYear() - century * 100, into, at + 3);
            into[at + 5] = '-';
            twoDigits(time.getMonthValue(), into, at + 6);
            into[at + 8] = '-';
            twoDigits(time.getDayOfMonth(), into, at + 9);
            into[at + 11] = 'T';
            twoDigits(time.getHour(), into, at + 12);
            into[at + 14] = ':';
            twoDigits(time.getMinute(), into, at + 15);
            into[at + 17] = ':';
            twoDigits(time.getSecond(), into, at + 18);
            into[at + 20] = '"';
            length = at + LOCAL_DATE_TIME_LENGTH + 2;
        }

        /** Text known to be ASCII that JSON does not escape: ids and ISO-8601 times. */
        private void putAscii(String text) {
            int size = text.length();
            ensure(size);
            byte[] into = buffer;
            int at = length;
            for (int i = 0; i < size; i++) {
                into[at + i] = (byte) text.charAt(i);
            }
            length = at + size;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void putByte(char ascii) {
            ensure(1);
            buffer[length++] = (byte) ascii;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        private static void twoDigits(int value, byte[] into, int offset) {
            int tens = value / 10;
            into[offset] = (byte) ('0' + tens);
            into[offset + 1] = (byte) ('0' + value - tens * 10);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
