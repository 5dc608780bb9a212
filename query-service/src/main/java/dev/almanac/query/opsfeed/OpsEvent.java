package dev.almanac.query.opsfeed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.action.Action;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.run.MissedRun;
import dev.almanac.query.run.RunOverlay;

/** OPS-EVENT's event projection DTO (§6.1) for one rule occurrence or one-off item. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OpsEvent", description = "One scheduled run of a rule, or one one-off item, with its run state and the actions it takes")
public record OpsEvent(
        @Schema(description = "The entry's id: the occurrence id or the item id", example = "occ-rule-nightly-20261201T0830Z") String eventId,
        @Schema(description = "heartbeat (a beat of a heartbeat rule, ADR 0073), cron or rrule (another rule occurrence, by its rule's "
                + "schedule), item (a one-off item)") OpsSource source,
        @Schema(description = "The rule id of an occurrence, the item id of an item", example = "rule-nightly") String sourceRef,
        @Schema(description = "A rule's metadata.owner, else its creator; an item's calendar's owner; absent when none is known",
                example = "platform-team") @Nullable String ownerId,
        @Schema(example = "demo-cal-ops") String calendarId,
        @Schema(description = "The entry's title, else its type, else its id", example = "Nightly cleanup") String title,
        @Schema(description = "A rule's metadata.description, else its schedule in English; absent for items") @Nullable String description,
        @Schema(description = "From the item's priority or the rule's job_template.priority (ADR 0039)") OpsCategory category,
        @Schema(description = "<source>.<category>, such as cron.critical: one colour per source and category", example = "cron.normal")
        String colorKey,
        @Schema(description = "Where a screen draws it: always_running for a heartbeat's beats and a rule that runs at least every 15 "
                + "minutes (seed 001's Always Running lane), calendar for every other event (ADR 0073)")
        OpsLane lane,
        @Schema(description = "The run state: the latest reported run or the dispatcher's latest decision, whichever ranks higher "
                + "(dispatched, buffered, skipped, timed_out, retry_scheduled, retries_exhausted; ADR 0071), missed, or what the "
                + "rule holds back; else scheduled")
        OpsStatus status,
        @Schema(example = "2026-12-01T08:30:00Z") Instant scheduledAtUtc,
        @Schema(description = "scheduled_at_utc on the wall clock of the requested timezone, with its offset",
                example = "2026-12-01T02:30:00-06:00") OffsetDateTime scheduledAtLocal,
        @Schema(description = "The entry's length in whole seconds", example = "900") long durationHintSeconds,
        @Schema(description = "The requested zone and its offset at scheduled_at_utc", example = "America/Chicago (UTC-06:00)")
        String timezoneDisplay,
        @Schema(description = "What the caller may do to this event now, with the request to send: only what its command "
                + "would accept in the event's state and from the caller's role on its calendar (a viewer is offered no change)")
        List<Action> actions,
        @Schema(description = "The item's or occurrence's aggregate version: an item's actions send it as If-Match", example = "3")
        long version,
        @Schema(description = "Present when the event is shown as a busy block (ADR 0096): a private item, or an occurrence of a "
                + "private rule, to all but its owner (the rule's creator), its calendar's managers and the admins. Its title is "
                + "then its id, its source_ref its id, and it has no owner_id or description; its category is normal")
        @Nullable BusyBlock busy) {

    public OpsEvent {
        actions = List.copyOf(actions);
    }

    /**
     * @param placed   the entry and its calendar
     * @param rule     an occurrence's rule, defined (required); null for an item
     * @param calendar the entry's calendar, when projected
     * @param overlay  the run state the calendar views would show
     * @param missed   the missed run, when the overlay is missed
     * @param zone     the requested zone
     * @param now      the read's instant, which says whether a pause is in force
     * @param roles    what the caller may do, which actions they are offered
     */
    static OpsEvent of(PlacedCopy placed, @Nullable Rule rule, @Nullable CalendarView calendar, RunOverlay overlay,
                       @Nullable MissedRun missed, ZoneId zone, Instant now, CallerRoles roles) {
        return of(placed, rule, calendar, overlay, missed, zone, now, roles, OpsLane.ofKind(rule), null);
    }

    /**
     * The same, in {@code lane}: the feed reads a rule's lane once per page ({@link OpsLane#ofRule}); {@code busy} says why
     * the caller is shown it as a busy block, or is null when they see it whole.
     */
    static OpsEvent of(PlacedCopy placed, @Nullable Rule rule, @Nullable CalendarView calendar, RunOverlay overlay,
                       @Nullable MissedRun missed, ZoneId zone, Instant now, CallerRoles roles, OpsLane lane, @Nullable BusyBlock busy) {
        EntryCopy copy = placed.copy();
        boolean item = copy.kind() == EntryKind.ITEM;
        if (!item && rule == null) {
            throw new IllegalArgumentException("occurrence " + copy.id() + " without its rule");
        }
        OpsSource source = item ? OpsSource.ITEM : OpsSource.ofRule(rule);
        OpsCategory category = item ? OpsCategory.ofItem(copy.priority()) : OpsCategory.ofJob(rule.jobTemplate());
        String owner = item ? calendar == null || calendar.owner() == null ? null : calendar.owner().id() : ruleOwner(rule);
        String description = item ? null : rule.metadata() != null && rule.metadata().description() != null
                ? rule.metadata().description() : rule.scheduleDescription();
        List<Action> actions = item
                ? OpsActions.ofItem(copy, roles.on(placed.calendarId(), calendar == null ? null : calendar.owner()).orElse(null),
                        roles.changesItem(placed.calendarId(), calendar == null ? null : calendar.owner(), copy.owner()), now)
                : OpsActions.ofOccurrence(copy, rule, missed, now, roles.changesRule(rule.calendarId(), rule.createdBy()));
        OffsetDateTime local = copy.start().atZone(zone).toOffsetDateTime();
        if (busy != null) {
            return new OpsEvent(copy.id(), source, copy.id(), null, placed.calendarId(), copy.id(), null, OpsCategory.NORMAL,
                    colorKey(source, OpsCategory.NORMAL), item ? OpsLane.CALENDAR : lane, OpsStatus.of(overlay), copy.start(), local,
                    copy.lengthSeconds(), timezoneDisplay(zone, local.getOffset()), actions, copy.version(), busy);
        }
        return new OpsEvent(copy.id(), source, item ? copy.id() : rule.id(), owner, placed.calendarId(), title(copy), description,
                category, colorKey(source, category), item ? OpsLane.CALENDAR : lane, OpsStatus.of(overlay), copy.start(), local,
                copy.lengthSeconds(), timezoneDisplay(zone, local.getOffset()), actions, copy.version(), null);
    }

    private static @Nullable String ruleOwner(Rule rule) {
        return rule.metadata() != null && rule.metadata().owner() != null ? rule.metadata().owner() : rule.createdBy();
    }

    private static String title(EntryCopy copy) {
        if (copy.title() != null && !copy.title().isBlank()) {
            return copy.title();
        }
        return copy.type() != null && !copy.type().isBlank() ? copy.type() : copy.id();
    }

    static String colorKey(OpsSource source, OpsCategory category) {
        return source.name().toLowerCase(Locale.ROOT) + '.' + category.name().toLowerCase(Locale.ROOT);
    }

    /** {@code America/Chicago (UTC-06:00)}: the zone's IANA name and its offset then, without locale-dependent abbreviations. */
    static String timezoneDisplay(ZoneId zone, ZoneOffset offset) {
        String sign = offset.getTotalSeconds() < 0 ? "-" : "+";
        int seconds = Math.abs(offset.getTotalSeconds());
        String hours = String.format(Locale.ROOT, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
        return zone.getId() + " (UTC" + sign + hours + (seconds % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", seconds % 60)) + ")";
    }
}
