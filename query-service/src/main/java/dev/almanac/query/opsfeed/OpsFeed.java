package dev.almanac.query.opsfeed;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.run.HeartbeatReports.HeartbeatBeat;
import dev.almanac.query.run.LatestRun;
import dev.almanac.query.run.MissedRun;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.query.run.Runs;
import dev.almanac.query.view.CalendarRules;

/**
 * Reads the ops feed from key lookups only (ADR 0039), one UTC day of the range at a time and only as
 * many days as the page needs: the day's {@code starting_hours} (every calendar's stored entries by hour
 * of start, ADR 0025), the rule occurrences computed from the rules' timelines starting then (ADR 0068)
 * and those a paused or disabled rule holds back, as the calendar views list them; then the rules
 * behind them from the same snapshot, by {@code _id} the calendars, and the latest runs and missed runs
 * of the day's entries. Filters apply to the events as built, so a filtered page reads
 * on until it is full or the range ends.
 */
@Component
public class OpsFeed {

    private static final Comparator<OpsEvent> BY_TIME_AND_ID =
            Comparator.comparing(OpsEvent::scheduledAtUtc).thenComparing(OpsEvent::eventId);
    /** The most held-back occurrences computed for one day: a rule every minute holds back 1,440. */
    private static final int MOST_HELD_BACK_A_DAY = 100_000;

    private final StartingHours startingHours;
    private final RuleTimelines ruleTimelines;
    private final Calendars calendars;
    private final Runs runs;
    private final Clock clock;

    /** The clock tells which pauses are in force, and so what a rule holds back and which actions it takes. */
    public OpsFeed(StartingHours startingHours, RuleTimelines ruleTimelines, Calendars calendars, Runs runs,
                   ObjectProvider<Clock> clock) {
        this.startingHours = startingHours;
        this.ruleTimelines = ruleTimelines;
        this.calendars = calendars;
        this.runs = runs;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public Mono<OpsFeedPage> page(OpsFeedRequest request) {
        Instant now = clock.instant();
        EntryCursor after = request.after();
        Instant from = after != null && after.start().isAfter(request.range().start()) ? after.start() : request.range().start();
        Instant end = request.range().end();
        return ruleTimelines.snapshot().flatMap(snapshot -> {
            Read read = new Read(request, snapshot, CalendarRules.ofAll(snapshot, now), now);
            return Flux.fromIterable(utcDays(from, end))
                    .concatMap(day -> read.startingIn(day.start(), day.end()).flatMapIterable(Function.identity()))
                    .filter(event -> after == null || isAfter(event, after))
                    .take(request.limit() + 1L)
                    .collectList()
                    .map(events -> page(request, events));
        });
    }

    /** {@code [from, end)} cut at UTC midnights, in order. */
    static List<Piece> utcDays(Instant from, Instant end) {
        List<Piece> days = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(end)) {
            Instant midnight = start.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            Instant pieceEnd = midnight.isBefore(end) ? midnight : end;
            days.add(new Piece(start, pieceEnd));
            start = pieceEnd;
        }
        return days;
    }

    record Piece(Instant start, Instant end) {
    }

    private static boolean isAfter(OpsEvent event, EntryCursor cursor) {
        int byStart = event.scheduledAtUtc().compareTo(cursor.start());
        return byStart > 0 || byStart == 0 && event.eventId().compareTo(cursor.id()) > 0;
    }

    private static OpsFeedPage page(OpsFeedRequest request, List<OpsEvent> events) {
        boolean more = events.size() > request.limit();
        List<OpsEvent> onPage = more ? events.subList(0, request.limit()) : events;
        String nextCursor = more ? new EntryCursor(onPage.get(onPage.size() - 1).scheduledAtUtc(), onPage.get(onPage.size() - 1).eventId())
                .encode() : null;
        return new OpsFeedPage(request.range().start(), request.range().end(), request.zone(), request.view(), onPage, nextCursor);
    }

    /** One request's reads, day after day; the rules and calendars read for one day serve the next ones. */
    private final class Read {

        private final OpsFeedRequest request;
        private final RuleTimelines.Snapshot snapshot;
        private final CalendarRules calendarRules;
        private final Instant now;
        private final Map<String, Rule> knownRules = new HashMap<>();
        private final Map<String, CalendarView> knownCalendars = new HashMap<>();
        private final Map<String, Rule> snapshotRules = new HashMap<>();
        /** Each rule's lane, read once a request: from the range's start, so every page of a range agrees. */
        private final Map<String, OpsLane> lanes = new HashMap<>();

        Read(OpsFeedRequest request, RuleTimelines.Snapshot snapshot, CalendarRules calendarRules, Instant now) {
            this.request = request;
            this.snapshot = snapshot;
            this.calendarRules = calendarRules;
            this.now = now;
            snapshot.rules().forEach(rule -> snapshotRules.put(rule.id(), rule));
        }

        /** The events starting in {@code [from, till)} that match the request, in order. */
        Mono<List<OpsEvent>> startingIn(Instant from, Instant till) {
            return startingHours.startingIn(from, till).collectList().flatMap(stored -> {
                List<PlacedCopy> entries = entries(stored, from, till);
                Set<String> ruleIds = new TreeSet<>();
                Set<String> calendarIds = new TreeSet<>();
                List<String> withRuns = new ArrayList<>();
                List<HeartbeatBeat> beats = new ArrayList<>();
                for (PlacedCopy placed : entries) {
                    if (placed.copy().ruleId() != null) {
                        ruleIds.add(placed.copy().ruleId());
                    } else {
                        calendarIds.add(placed.calendarId());
                    }
                    withRuns.add(placed.copy().id());
                    HeartbeatBeat beat = calendarRules.beatOf(placed.copy(), placed.calendarId());
                    if (beat != null) {
                        beats.add(beat);
                    }
                }
                return Mono.zip(Mono.just(rulesOf(ruleIds)), calendarsOf(calendarIds), runs.latestOf(withRuns, beats))
                        .flatMap(read -> missedOf(read.getT3()).map(missed -> events(entries, read.getT3(), missed)));
            });
        }

        /**
         * Each entry starting in {@code [from, till)} once, on the requested calendars: a stored one (an item, a backfill or
         * catch-up run; the newer copy where two disagree, a move being half projected), else a rule occurrence computed
         * from its rule's timeline, else one its rule holds back.
         */
        private List<PlacedCopy> entries(List<PlacedCopy> stored, Instant from, Instant till) {
            Map<String, PlacedCopy> byId = new HashMap<>();
            for (PlacedCopy placed : stored) {
                if (request.onCalendar(placed.calendarId())) {
                    byId.merge(placed.copy().id(), placed, (held, other) -> other.version() > held.version() ? other : held);
                }
            }
            for (Map.Entry<String, EntryCopy> copy : snapshot.copiesStartingIn(from, till, null)) {
                if (request.onCalendar(copy.getKey())) {
                    byId.putIfAbsent(copy.getValue().id(), new PlacedCopy(copy.getKey(), copy.getValue()));
                }
            }
            for (EntryCopy copy : calendarRules.heldBackOverlapping(from, till, MOST_HELD_BACK_A_DAY)) {
                Rule rule = copy.ruleId() == null ? null : snapshotRules.get(copy.ruleId());
                if (!copy.start().isBefore(from) && rule != null && rule.calendarId() != null && request.onCalendar(rule.calendarId())) {
                    byId.putIfAbsent(copy.id(), new PlacedCopy(rule.calendarId(), copy));
                }
            }
            return new ArrayList<>(byId.values());
        }

        /** The rules behind the entries, as the snapshot holds them: no read, though a busy day names every rule. */
        private Map<String, Rule> rulesOf(Set<String> ids) {
            ids.forEach(id -> {
                Rule rule = snapshotRules.get(id);
                if (rule != null && rule.isDefined()) {
                    knownRules.put(id, rule);
                }
            });
            return knownRules;
        }

        private Mono<Map<String, CalendarView>> calendarsOf(Set<String> ids) {
            List<String> unknown = ids.stream().filter(id -> !knownCalendars.containsKey(id)).toList();
            return calendars.findAll(unknown).collectList().map(found -> {
                found.forEach(calendar -> knownCalendars.put(calendar.id(), calendar));
                return knownCalendars;
            });
        }

        /** The missed runs of the entries shown missed, with what was decided about them: a decided one takes no decision again. */
        private Mono<Map<String, MissedRun>> missedOf(Map<String, LatestRun> latest) {
            List<String> missed = latest.entrySet().stream().filter(entry -> entry.getValue().showsMissed()).map(Map.Entry::getKey).toList();
            return runs.missedOf(missed);
        }

        private List<OpsEvent> events(List<PlacedCopy> entries, Map<String, LatestRun> latest, Map<String, MissedRun> missed) {
            List<OpsEvent> events = new ArrayList<>();
            for (PlacedCopy placed : entries) {
                EntryCopy copy = placed.copy();
                Rule rule = copy.ruleId() == null ? null : knownRules.get(copy.ruleId());
                if (copy.kind() == EntryKind.OCCURRENCE && rule == null) {
                    continue; // its rule's creation is not projected yet: it shows once it is
                }
                if (rule != null && rule.calendarId() != null && !request.visibility().shows(rule.calendarId())) {
                    // Its rule moved to a calendar the caller may not read, whose description and owner an event would show;
                    // the expander retracts the occurrence from here.
                    continue;
                }
                RunOverlay overlay = latest.getOrDefault(copy.id(), LatestRun.NONE).overlay(calendarRules.heldBack(copy));
                OpsLane lane = rule == null ? OpsLane.CALENDAR
                        : lanes.computeIfAbsent(rule.id(), id -> OpsLane.ofRule(rule, request.range().start()));
                OpsEvent event = OpsEvent.of(placed, rule, knownCalendars.get(placed.calendarId()), overlay,
                        overlay == RunOverlay.MISSED ? missed.get(copy.id()) : null, request.zone(), now, request.roles(), lane,
                        request.disclosure().busyBlock(placed.calendarId(), copy));
                if (request.matches(event)) {
                    events.add(event);
                }
            }
            events.sort(BY_TIME_AND_ID);
            return events;
        }
    }
}
