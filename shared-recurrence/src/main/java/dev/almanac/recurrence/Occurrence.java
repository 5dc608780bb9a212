package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import org.jspecify.annotations.Nullable;

/**
 * One occurrence of a rule. {@code nominalLocalTime} is the wall-clock time the schedule named in
 * {@code zone}; {@code resolvedInstant} is what the rule's DST policy made of it ({@code dstResolution}
 * says how, under the tz database {@code tzdataVersion}), and the {@code id} derives from the rule
 * and that instant. {@code start} is the resolved instant plus the rule's jitter, and {@code end}
 * is {@code start} plus the rule's duration.
 *
 * <p>A value with record semantics (equality over every component). It is a class rather than a
 * record so that an expansion can leave the id to be derived when first asked for: deriving it (an
 * MD5 and {@link OccurrenceId}'s check of the text) costs more than everything else about an
 * occurrence, and counts, heat maps and conflict windows never ask. The id is the same either way.
 */
public final class Occurrence {

    private @Nullable OccurrenceId id;
    private final RuleId ruleId;
    private final LocalDateTime nominalLocalTime;
    private final ZoneId zone;
    private final Instant resolvedInstant;
    private final Instant start;
    private final Instant end;
    private final DstResolution dstResolution;
    private final String tzdataVersion;

    public Occurrence(OccurrenceId id, RuleId ruleId, LocalDateTime nominalLocalTime, ZoneId zone, Instant resolvedInstant,
                      Instant start, Instant end, DstResolution dstResolution, String tzdataVersion) {
        this(ruleId, nominalLocalTime, zone, resolvedInstant, start, end, dstResolution, tzdataVersion);
        this.id = Objects.requireNonNull(id, "id");
    }

    /** An occurrence resolved with the tz database java.time uses now for {@code zone}. */
    public Occurrence(OccurrenceId id, RuleId ruleId, LocalDateTime nominalLocalTime, ZoneId zone,
                      Instant resolvedInstant, Instant start, Instant end, DstResolution dstResolution) {
        this(id, ruleId, nominalLocalTime, zone, resolvedInstant, start, end, dstResolution, Tzdata.version(zone));
    }

    /** An occurrence whose id is {@code OccurrenceId.of(ruleId, resolvedInstant)}, derived when first asked for. */
    Occurrence(RuleId ruleId, LocalDateTime nominalLocalTime, ZoneId zone, Instant resolvedInstant,
               Instant start, Instant end, DstResolution dstResolution, String tzdataVersion) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.nominalLocalTime = Objects.requireNonNull(nominalLocalTime, "nominalLocalTime");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.resolvedInstant = Objects.requireNonNull(resolvedInstant, "resolvedInstant");
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        this.dstResolution = Objects.requireNonNull(dstResolution, "dstResolution");
        this.tzdataVersion = Objects.requireNonNull(tzdataVersion, "tzdataVersion");
    }

    public OccurrenceId id() {
        // Racy but safe: every thread derives the same immutable value.
        OccurrenceId derived = id;
        if (derived == null) {
            derived = OccurrenceIds.of(ruleId, resolvedInstant.getEpochSecond());
            id = derived;
        }
        return derived;
    }

    public RuleId ruleId() {
        return ruleId;
    }

    public LocalDateTime nominalLocalTime() {
        return nominalLocalTime;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant resolvedInstant() {
        return resolvedInstant;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public DstResolution dstResolution() {
        return dstResolution;
    }

    public String tzdataVersion() {
        return tzdataVersion;
    }

    /**
     * This occurrence moved to {@code newStart}: the same id, recurrence and nominal time, lasting as
     * long, starting exactly there (no jitter).
     */
    public Occurrence movedTo(Instant newStart) {
        return new Occurrence(id(), ruleId, nominalLocalTime, zone, resolvedInstant, newStart,
                newStart.plus(Duration.between(start, end)), dstResolution, tzdataVersion);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Occurrence that
                && id().equals(that.id())
                && ruleId.equals(that.ruleId)
                && nominalLocalTime.equals(that.nominalLocalTime)
                && zone.equals(that.zone)
                && resolvedInstant.equals(that.resolvedInstant)
                && start.equals(that.start)
                && end.equals(that.end)
                && dstResolution == that.dstResolution
                && tzdataVersion.equals(that.tzdataVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, nominalLocalTime, zone, resolvedInstant, start, end, dstResolution, tzdataVersion);
    }

    @Override
    public String toString() {
        return "Occurrence[id=" + id() + ", ruleId=" + ruleId + ", nominalLocalTime=" + nominalLocalTime + ", zone=" + zone
                + ", resolvedInstant=" + resolvedInstant + ", start=" + start + ", end=" + end + ", dstResolution=" + dstResolution
                + ", tzdataVersion=" + tzdataVersion + "]";
    }
}
