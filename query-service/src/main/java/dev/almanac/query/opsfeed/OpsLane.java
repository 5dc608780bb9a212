package dev.almanac.query.opsfeed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.rule.Rule;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;

/**
 * Where a screen draws an event (OPS-LANES, ADR 0073): {@link #ALWAYS_RUNNING}, seed 001's lane for continuous and
 * high-frequency checks, holds every beat of a heartbeat rule and every occurrence of a rule that runs at least every
 * {@link #HIGH_FREQUENCY}; everything else goes on the {@link #CALENDAR} grid as a card.
 */
@Schema(name = "OpsLane", description = "calendar (a card on the grid) or always_running (the lane of heartbeats and of rules that "
        + "run at least every 15 minutes)")
public enum OpsLane {
    CALENDAR,
    ALWAYS_RUNNING;

    /** A rule whose next two runs after the range's start are at most this far apart runs continuously enough for the lane. */
    public static final Duration HIGH_FREQUENCY = Duration.ofMinutes(15);

    /** An item's lane, or a rule's by its kind alone: a heartbeat's is the always-running lane. */
    static OpsLane ofKind(@Nullable Rule rule) {
        return rule != null && rule.isHeartbeat() ? ALWAYS_RUNNING : CALENDAR;
    }

    /**
     * A rule's lane: a heartbeat's is the always-running lane, and so is a rule's whose next two runs after {@code from}
     * are at most {@link #HIGH_FREQUENCY} apart.
     */
    static OpsLane ofRule(Rule rule, Instant from) {
        if (rule.isHeartbeat()) {
            return ALWAYS_RUNNING;
        }
        Series series = rule.series();
        Instant resolvingFrom = rule.activeFrom() == null ? Instant.EPOCH : rule.activeFrom();
        Optional<Occurrence> first = series.next(from, resolvingFrom);
        Optional<Occurrence> second = first.flatMap(occurrence -> series.next(occurrence.start(), resolvingFrom));
        boolean frequent = second.isPresent()
                && Duration.between(first.get().start(), second.get().start()).compareTo(HIGH_FREQUENCY) <= 0;
        return frequent ? ALWAYS_RUNNING : CALENDAR;
    }
}
