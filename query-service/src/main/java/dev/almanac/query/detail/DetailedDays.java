package dev.almanac.query.detail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.config.TimeFormat;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.entry.EntrySource;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.RelationSummary;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleView;

/**
 * Answers a detailed day from key lookups only. Over all calendars, the starting hours of the local
 * day (23 to 26 UTC hours) hold every entry starting in it (ADR 0025); for one calendar, its day
 * documents of the two or three UTC days the local day overlaps, projected to the slots of the
 * local day when it touches only a few. Every job starting on the local day is gathered, because
 * the day's total and its rules cover all pages; a day holds at most a few thousand.
 */
@Component
public class DetailedDays {

    private static final Comparator<PlacedCopy> BY_START_AND_ID =
            Comparator.comparing((PlacedCopy placed) -> placed.copy().start()).thenComparing(placed -> placed.copy().id());

    /** Above this many slot groups a day's entries are read whole (see {@link #startingFields}). */
    private static final int MOST_SLOT_PATHS = 8;

    private final CalendarDays calendarDays;
    private final StartingHours startingHours;
    private final RuleTimelines ruleTimelines;
    private final Clock clock;

    /** The clock tells the rules' status: a pause whose resume_after has passed is over. */
    public DetailedDays(CalendarDays calendarDays, StartingHours startingHours, RuleTimelines ruleTimelines,
                        ObjectProvider<Clock> clock) {
        this.calendarDays = calendarDays;
        this.startingHours = startingHours;
        this.ruleTimelines = ruleTimelines;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * What a detailed day is asked for; {@code queue} narrows it to one calendar, and {@code visibility} leaves out the
     * calendars the caller may not read, before anything is counted or paged; {@code disclosure} shows each job and rule
     * whole or as a busy block (ADR 0096).
     */
    public record Request(LocalDate date, ZoneId zone, @Nullable String queue, @Nullable EntryCursor after, int limit,
                          TimeFormat timeFormat, CalendarVisibility visibility, EntryDisclosure disclosure) {

        /** The local day as instants: a day that starts in a DST gap starts at the first instant after it. */
        Instant start() {
            return date.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    public Mono<DetailedSchedule> day(Request request) {
        Instant start = request.start();
        Instant end = request.end();
        Mono<List<PlacedCopy>> stored = request.queue() == null
                ? startingHours.startingIn(start, end).collectList()
                : calendarStarts(request.queue(), start, end);
        return Mono.zip(stored, ruleTimelines.snapshot()).map(read -> {
            List<PlacedCopy> starting = visible(startingBetween(read.getT1(), read.getT2().copiesStartingIn(start, end, request.queue()),
                    start, end), request.visibility());
            return page(request, starting, rulesOf(starting, request, read.getT2()));
        });
    }

    /** The calendar's copies that may start in {@code [start, end)}, from its day documents. */
    private Mono<List<PlacedCopy>> calendarStarts(String calendarId, Instant start, Instant end) {
        return Flux.fromIterable(UtcSlots.daysOverlapping(start, end))
                .flatMap(day -> calendarDays.find(List.of(calendarId), List.of(day), startingFields(day, start, end)))
                .flatMapIterable(document -> CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class)).stream()
                        .map(copy -> new PlacedCopy(calendarId, copy)).toList())
                .collectList();
    }

    /**
     * The calendar id and the copies that may start in {@code [start, end)} on {@code day}. When
     * the range touches only a few of the day's slots, just those slot groups; otherwise all of
     * {@code e}: mongo-java-server splits every projected path for every document, and a profile
     * of the detailed day with 74 slot paths spent half the server's time in projection, more
     * than sending the whole day would cost.
     */
    private static List<String> startingFields(LocalDate day, Instant start, Instant end) {
        List<String> slots = new ArrayList<>();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            Instant slotStart = UtcSlots.slotStart(day, slot);
            if (slotStart.isBefore(end) && slotStart.plus(UtcSlots.SLOT).isAfter(start)) {
                slots.add(CalendarDayCodec.ENTRIES + '.' + CalendarDayCodec.slotGroup(slot));
            }
        }
        List<String> fields = new ArrayList<>();
        fields.add(CalendarDayCodec.CALENDAR_ID);
        if (slots.size() <= MOST_SLOT_PATHS) {
            fields.addAll(slots);
        } else {
            fields.add(CalendarDayCodec.ENTRIES);
        }
        return fields;
    }

    /**
     * Each entry starting in {@code [start, end)} once, sorted: the stored ones (items, backfill and catch-up runs) and the
     * rule occurrences computed from the rules' timelines that start then (ADR 0068). An entry longer than a day has a
     * copy in every day it overlaps; if two copies disagree (a move is half projected), the newer wins.
     */
    private static List<PlacedCopy> startingBetween(List<PlacedCopy> stored, List<Map.Entry<String, EntryCopy>> computed,
                                                    Instant start, Instant end) {
        Map<String, PlacedCopy> byId = new HashMap<>();
        computed.forEach(copy -> byId.put(copy.getValue().id(), new PlacedCopy(copy.getKey(), copy.getValue())));
        for (PlacedCopy placed : stored) {
            EntryCopy copy = placed.copy();
            if (!copy.start().isBefore(start) && copy.start().isBefore(end)) {
                byId.merge(copy.id(), placed, (held, other) -> other.copy().version() > held.copy().version() ? other : held);
            }
        }
        List<PlacedCopy> sorted = new ArrayList<>(byId.values());
        sorted.sort(BY_START_AND_ID);
        return sorted;
    }

    /**
     * The jobs on calendars the caller may read. Left out before the total, the rules and the page are taken from them, so
     * that nothing of a hidden calendar is counted and a cursor steps over visible jobs only.
     */
    private static List<PlacedCopy> visible(List<PlacedCopy> starting, CalendarVisibility visibility) {
        if (visibility.showsEveryCalendar()) {
            return starting;
        }
        return starting.stream().filter(placed -> visibility.shows(placed.calendarId())).toList();
    }

    /**
     * The rules behind the day's occurrences, by id, as the snapshot holds them (no read: a busy day names every rule); a
     * rule whose definition is not projected yet is left out, and so is one whose queue the caller may not read.
     */
    private List<RuleView> rulesOf(List<PlacedCopy> starting, Request request, RuleTimelines.Snapshot snapshot) {
        CalendarVisibility visibility = request.visibility();
        SortedSet<String> ruleIds = new TreeSet<>();
        starting.forEach(placed -> {
            // A busy block names no rule: the rule of an occurrence the caller may not see whole is not listed beside it.
            if (placed.copy().ruleId() != null && request.disclosure().showsWhole(placed.calendarId(), placed.copy())) {
                ruleIds.add(placed.copy().ruleId());
            }
        });
        Instant now = clock.instant();
        List<RuleView> views = new ArrayList<>();
        for (String ruleId : ruleIds) {
            Rule rule = snapshot.rule(ruleId);
            if (rule != null && rule.isDefined() && visibility.knows(ruleId)
                    && (rule.calendarId() == null || visibility.shows(rule.calendarId()))) {
                views.add(RuleView.of(rule, now, request.disclosure()));
            }
        }
        return views;
    }

    private static DetailedSchedule page(Request request, List<PlacedCopy> starting, List<RuleView> ruleViews) {
        EntryCursor after = request.after();
        List<PlacedCopy> following = after == null ? starting : starting.stream().filter(placed -> isAfter(placed.copy(), after)).toList();
        List<PlacedCopy> onPage = following.subList(0, Math.min(request.limit(), following.size()));
        List<ScheduledJob> jobs = onPage.stream().map(placed -> {
            BusyBlock why = request.disclosure().busyBlock(placed.calendarId(), placed.copy());
            return why == null ? job(placed, request.zone(), request.timeFormat()) : busyBlock(placed, why, request.zone(), request.timeFormat());
        }).toList();
        String nextCursor = following.size() > onPage.size()
                ? new EntryCursor(onPage.get(onPage.size() - 1).copy().start(), onPage.get(onPage.size() - 1).copy().id()).encode()
                : null;
        return new DetailedSchedule(request.date(), request.zone(), starting.size(), jobs, ruleViews, nextCursor);
    }

    private static boolean isAfter(EntryCopy copy, EntryCursor cursor) {
        int byStart = copy.start().compareTo(cursor.start());
        return byStart > 0 || byStart == 0 && copy.id().compareTo(cursor.id()) > 0;
    }

    /**
     * A job as a busy block (ADR 0096): its id, calendar, start, length, kind and end, and {@code busy} in its metadata (the
     * shape closes its top level); an empty type, no rule, title, priority, tags, resources, links or attachments.
     */
    static ScheduledJob busyBlock(PlacedCopy placed, BusyBlock why, ZoneId zone, TimeFormat timeFormat) {
        EntryCopy copy = placed.copy();
        OffsetDateTime scheduledAt = copy.start().atZone(zone).toOffsetDateTime();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", copy.kind());
        metadata.put("ends_at", copy.end());
        metadata.put("busy", why);
        return new ScheduledJob(copy.id(), placed.calendarId(), "", scheduledAt, timeFormat.format(scheduledAt),
                EntrySource.of(copy.kind(), null), null, RuleView.estimatedDuration(copy.lengthSeconds()), List.of(), List.of(), metadata,
                false, 0);
    }

    static ScheduledJob job(PlacedCopy placed, ZoneId zone, TimeFormat timeFormat) {
        EntryCopy copy = placed.copy();
        OffsetDateTime scheduledAt = copy.start().atZone(zone).toOffsetDateTime();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (copy.title() != null) {
            metadata.put("title", copy.title());
        }
        if (copy.priority() != null) {
            metadata.put("priority", copy.priority());
        }
        metadata.put("kind", copy.kind());
        metadata.put("ends_at", copy.end());
        if (!copy.resources().isEmpty()) {
            metadata.put("resources", copy.resources());
        }
        boolean item = copy.kind() == EntryKind.ITEM;
        RelationSummary relations = copy.relations();
        if (item) {
            // DEP-ATTACH's counts: how many files are attached, and whether any is.
            metadata.put("attachment_count", relations.attachmentCount());
            metadata.put("has_attachments", relations.attachmentCount() > 0);
        }
        if (relations.primaryId() != null) {
            metadata.put("linked_to", relations.primaryId());
        }
        if (!relations.followerIds().isEmpty()) {
            metadata.put("followers", relations.followerIds());
        }
        return new ScheduledJob(copy.id(), placed.calendarId(), copy.type(), scheduledAt, timeFormat.format(scheduledAt),
                copy.source(), copy.ruleId(),
                RuleView.estimatedDuration(copy.lengthSeconds()), relations.dependencies(), copy.tags(), metadata,
                item && !relations.isFollower(), copy.rescheduleCount());
    }
}
