package dev.almanac.conflicts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.rule.DetectionWindow;
import dev.almanac.conflicts.rule.RawEvent;
import dev.almanac.conflicts.rule.RuleChange;
import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.conflicts.testing.Rules;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Rule events, items and capacity changes in random order, over a partition's stores in memory, as the task applies
 * them; after every step the active conflicts of each calendar and of the resource must be exactly those that
 * detection over everything finds: every item, and every occurrence of each rule's timeline (folded here, apart from
 * the detector's) that starts before the horizon. It checks what the detector does incrementally (the occurrences a
 * change touched, the sweeps a few hours at a time, the stretches counted before entries are made, the scopes skipped
 * for having room, the arrays kept and moved with the horizon, the timelines folded again after a restart) against
 * doing it all again.
 */
class RuleConflictsTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<CalendarId> CALENDARS = List.of(CalendarId.of("cal-north"), CalendarId.of("cal-south"));
    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final List<String> CRONS = List.of("0 9 * * *", "30 9 * * *", "0 10 * * 1,3,5", "15 9 */2 * *", "0 9,13 * * *",
            "45 8 * * 1-5", "0 9 1,15 * *");
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"));
    private static final int WORLDS = Integer.getInteger("almanac.rule-conflicts.worlds", 12);
    private static final long FIRST_SEED = Long.getLong("almanac.rule-conflicts.seed", 68_000L);
    private static final int STEPS = 40;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void incrementalDetectionOfRulesAndItemsAlwaysEqualsDetectionOverEverything() {
        for (int world = 0; world < WORLDS; world++) {
            new World(FIRST_SEED + world).run();
        }
    }

    /** One random world: its own stores, clock and history. */
    private final class World {

        private final Random random;
        private final InMemoryState.Stores stores = new InMemoryState.Stores();
        private PartitionState state = stores.state();
        private final Map<CalendarId, Integer> capacities = new LinkedHashMap<>();
        private final Map<CalendarId, Long> calendarVersions = new HashMap<>();
        private final Map<RuleId, List<Sent>> history = new LinkedHashMap<>();
        private final Map<RuleId, Set<RuleScope>> scopes = new HashMap<>();
        private final Map<RuleId, RuleCreated> created = new HashMap<>();
        private final Map<String, PlacedItem> items = new LinkedHashMap<>();
        private Instant now = START;
        private int facts;
        private int placed;
        private final String seed;

        World(long seed) {
            this.random = new Random(seed);
            this.seed = "world " + seed;
        }

        void run() {
            for (CalendarId calendar : CALENDARS) {
                capacity(calendar, 1 + random.nextInt(3));
            }
            state.trackers().resources().resourceCreated(new ResourceProfile(HALL, ResourceType.VENUE), 0);
            state.commit();
            for (int step = 0; step < STEPS; step++) {
                now = now.plus(Duration.ofMinutes(1 + random.nextInt(600)));
                String what = step(random.nextInt(100));
                check(what + " at step " + step);
            }
        }

        private String step(int dice) {
            if (dice < 25 || history.isEmpty()) {
                return createRule();
            }
            RuleId rule = List.copyOf(history.keySet()).get(random.nextInt(history.size()));
            if (dice < 40) {
                return placeItem();
            }
            if (dice < 48 && !items.isEmpty()) {
                return moveOrCancelItem();
            }
            if (dice < 60) {
                return updateRule(rule);
            }
            if (dice < 66) {
                return send(rule, new RulePaused(rule, now, random.nextBoolean() ? null : now.plus(Duration.ofDays(1 + random.nextInt(20))),
                        "a pause"));
            }
            if (dice < 72) {
                return send(rule, new RuleResumed(rule, now));
            }
            if (dice < 78) {
                return moveOrCancelOccurrence(rule);
            }
            if (dice < 82) {
                return send(rule, new RuleDeleted(rule, now));
            }
            if (dice < 86) {
                // A restart: the stores stay, the in-memory timelines and arrays are folded again as they are asked for.
                state = stores.state();
                return "a restart";
            }
            if (dice < 90) {
                CalendarId calendar = CALENDARS.get(random.nextInt(CALENDARS.size()));
                capacity(calendar, 1 + random.nextInt(3));
                return "capacity of " + calendar + " set to " + capacities.get(calendar);
            }
            return advanceHorizon();
        }

        private String createRule() {
            RuleId rule = RuleId.of("rule-" + history.size());
            List<ResourceBooking> books = random.nextInt(3) == 0 ? List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)) : List.of();
            RuleCreated creation = Rules.created(rule, "Rule " + history.size(), pick(CRONS), pick(ZONES), pick(CALENDARS),
                    Duration.ofMinutes(15 + 15L * random.nextInt(8)), now.plus(Duration.ofHours(random.nextInt(48))), books);
            created.put(rule, creation);
            return send(rule, creation);
        }

        private String updateRule(RuleId rule) {
            RuleCreated creation = created.get(rule);
            RuleUpdated update;
            if (random.nextInt(3) == 0) {
                // Only what a conflict names changes: the title, and the part the hall plays.
                List<ResourceBooking> books = creation.resources().stream()
                        .map(booking -> new ResourceBooking(booking.resourceId(), random.nextBoolean() ? ResourceRole.SECONDARY
                                : ResourceRole.PRIMARY)).toList();
                update = Rules.updated(creation, now, creation.name() + " (renamed at " + now + ")", creation.cron(),
                        creation.calendarId(), Duration.ofSeconds(creation.durationSeconds()), books);
            } else {
                List<ResourceBooking> books = random.nextInt(3) == 0 ? List.of(new ResourceBooking(HALL, ResourceRole.SECONDARY)) : List.of();
                update = Rules.updated(creation, now, random.nextBoolean() ? creation.name() : creation.name() + "'",
                        pick(CRONS), pick(CALENDARS), Duration.ofMinutes(15 + 15L * random.nextInt(8)), books);
            }
            return send(rule, update);
        }

        private String moveOrCancelOccurrence(RuleId rule) {
            RuleTimeline timeline = timeline(rule);
            if (timeline == null) {
                return "nothing to move of " + rule;
            }
            List<TimelineOccurrence> ahead = timeline.startingIn(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(20)));
            if (ahead.isEmpty()) {
                return "nothing ahead of " + rule;
            }
            TimelineOccurrence one = ahead.get(random.nextInt(ahead.size()));
            Instant recurrence = one.occurrence().resolvedInstant();
            OccurrenceId id = OccurrenceId.of(rule, recurrence);
            if (random.nextBoolean()) {
                return send(rule, new RuleOccurrenceCancelled(rule, id, recurrence, now, "not needed"));
            }
            Instant to = one.start().plus(Duration.ofMinutes(30L * (random.nextInt(9) - 4)));
            return send(rule, new RuleOccurrenceMoved(rule, id, recurrence, to.isAfter(now) ? to : now.plus(Duration.ofHours(2)), now,
                    "moved"));
        }

        private String placeItem() {
            String id = "item-" + ++placed;
            CalendarId calendar = pick(CALENDARS);
            Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(30)))
                    .plus(Duration.ofMinutes(8 * 60 + 15L * random.nextInt(24)));
            TimeRange time = new TimeRange(start, start.plus(Duration.ofMinutes(15 + 15L * random.nextInt(6))));
            boolean books = random.nextInt(3) == 0;
            PlacedItem item = new PlacedItem(id, calendar, time, books, 0);
            items.put(id, item);
            apply(state.trackers().calendars().entryPlaced(calendar, new Entry(EntryKey.item(id), "Item " + id, time),
                    books ? List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)) : List.of(), 0));
            return "placed " + item;
        }

        private String moveOrCancelItem() {
            PlacedItem item = items.values().stream().skip(random.nextInt(items.size())).findFirst().orElseThrow();
            long version = item.version() + 1;
            if (random.nextInt(4) == 0) {
                items.remove(item.id());
                apply(state.trackers().calendars().entryWithdrawn(item.calendar(), EntryKey.item(item.id()), item.time(), version, null));
                return "cancelled " + item;
            }
            TimeRange to = new TimeRange(item.time().start().plus(Duration.ofMinutes(30)), item.time().end().plus(Duration.ofMinutes(30)));
            items.put(item.id(), new PlacedItem(item.id(), item.calendar(), to, item.books(), version));
            apply(state.trackers().calendars().entryMoved(item.calendar(), EntryKey.item(item.id()), item.time(), to, version, null));
            return "moved " + item + " to " + to;
        }

        private String advanceHorizon() {
            now = now.plus(Duration.ofDays(1 + random.nextInt(3)));
            Map<RuleScope, List<TimeRange>> arriving = state.rules().advanceTo(DetectionWindow.horizonAt(now));
            List<ConflictChange> changes = new ArrayList<>();
            arriving.forEach((scope, intervals) -> changes.addAll(detect(scope, () -> intervals, "the horizon moved on")));
            state.commit();
            return "horizon moved on to " + DetectionWindow.horizonAt(now);
        }

        private void capacity(CalendarId calendar, int capacity) {
            capacities.put(calendar, capacity);
            long version = calendarVersions.merge(calendar, 1L, Long::sum) - 1;
            state.trackers().calendars().calendarCreated(new CalendarProfile(calendar, CalendarType.DEPARTMENT, capacity), version);
            state.commit();
        }

        /** The rule event, to every scope the rule has named, the rule's history first to a scope new to it, as rule intake sends it. */
        private String send(RuleId rule, RuleEvent event) {
            List<Sent> events = history.computeIfAbsent(rule, any -> new ArrayList<>());
            long version = events.size();
            EventMetadata metadata = new EventMetadata("evt-" + ++facts, EventCatalog.of(event).ceType(), "/almanac/command-service", now,
                    rule.value(), version, "planner@example.com", "corr-" + facts, null);
            ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
            Sent sent = new Sent(version, new RawEvent(facts, record.headers(), record.value()), event, metadata);
            Set<RuleScope> known = scopes.computeIfAbsent(rule, any -> new TreeSet<>());
            Set<RuleScope> named = new LinkedHashSet<>();
            if (event instanceof RuleCreated creation) {
                named.add(RuleScope.of(creation.calendarId()));
                creation.resources().forEach(booking -> named.add(RuleScope.of(booking.resourceId())));
            } else if (event instanceof RuleUpdated update) {
                named.add(RuleScope.of(update.calendarId()));
                update.resources().forEach(booking -> named.add(RuleScope.of(booking.resourceId())));
            }
            for (RuleScope scope : named) {
                if (known.add(scope)) {
                    events.forEach(earlier -> fold(scope, rule, earlier));
                }
            }
            events.add(sent);
            known.forEach(scope -> fold(scope, rule, sent));
            return event.getClass().getSimpleName() + " of " + rule;
        }

        private void fold(RuleScope scope, RuleId rule, Sent sent) {
            RuleChange change = state.rules().apply(scope, rule, sent.version(), sent.raw(), sent.event(), sent.metadata(), now);
            if (!change.duplicate()) {
                apply(detect(scope, change::changedIntervals, "rule " + rule + " changed"));
            } else {
                state.commit();
            }
        }

        private List<ConflictChange> detect(RuleScope scope, java.util.function.Supplier<List<TimeRange>> changed, String cause) {
            return scope.kind() == RuleScope.Kind.CALENDAR
                    ? state.trackers().calendars().rulesChanged(scope.calendarId(), changed, cause)
                    : state.trackers().resources().rulesChanged(scope.resourceId(), changed, cause);
        }

        /** Commits the changes of one fact, after the resource hears of the bookings it changed, as its task would. */
        private void apply(List<ConflictChange> changes) {
            for (BookingChange booking : state.takeBookings()) {
                state.trackers().resources().booked(booking);
            }
            state.takeLinkSides();
            state.commit();
        }

        private void check(String after) {
            DetectionWindow window = state.rules().window().orElse(null);
            for (CalendarId calendar : CALENDARS) {
                List<Entry> all = new ArrayList<>();
                items.values().stream().filter(item -> item.calendar().equals(calendar))
                        .forEach(item -> all.add(new Entry(EntryKey.item(item.id()), "Item " + item.id(), item.time())));
                forEachOccurrence(window, RuleScope.of(calendar), (rule, occurrence) -> all.add(entry(occurrence)));
                List<Breach> expected = CapacityBreaches.findWithWarnings(calendar, capacities.get(calendar), all);
                same(active(state.conflicts().active(calendar)), expected, seed + ", calendar " + calendar + " after " + after);
            }
            List<Booking> bookings = new ArrayList<>();
            items.values().stream().filter(PlacedItem::books).forEach(item -> bookings.add(
                    new Booking(new Entry(EntryKey.item(item.id()), "Item " + item.id(), item.time()), item.calendar(), ResourceRole.PRIMARY)));
            forEachOccurrence(window, RuleScope.of(HALL), (rule, occurrence) -> bookings.add(new Booking(entry(occurrence),
                    occurrence.definition().calendarId(), RuleScope.of(HALL).role(occurrence.definition()).orElseThrow())));
            List<Breach> doubles = new ResourceProfile(HALL, ResourceType.VENUE).doubleBookings(bookings);
            same(active(state.conflicts().active(HALL)), doubles, seed + ", resource after " + after);
        }

        /** Each occurrence of each rule's own timeline, folded here from what was sent, that counts on {@code scope}. */
        private void forEachOccurrence(@Nullable DetectionWindow window, RuleScope scope,
                                       java.util.function.BiConsumer<RuleId, TimelineOccurrence> action) {
            if (window == null) {
                return;
            }
            for (RuleId rule : history.keySet()) {
                RuleTimeline timeline = timeline(rule);
                if (timeline == null) {
                    continue;
                }
                for (TimelineOccurrence occurrence : timeline.startingIn(Instant.EPOCH, window.horizon())) {
                    if (occurrence.backfillOf() == null && scope.holds(occurrence.definition())) {
                        action.accept(rule, occurrence);
                    }
                }
            }
        }

        private @Nullable RuleTimeline timeline(RuleId rule) {
            RuleTimeline timeline = null;
            for (Sent sent : history.getOrDefault(rule, List.of())) {
                timeline = RuleTimeline.next(timeline, sent.event(), sent.metadata());
            }
            return timeline;
        }

        private <T> T pick(List<T> choices) {
            return choices.get(random.nextInt(choices.size()));
        }
    }

    private static Entry entry(TimelineOccurrence occurrence) {
        return Entry.occurrence(occurrence.id().value(), occurrence.occurrence().ruleId().value(), occurrence.definition().title(),
                new TimeRange(occurrence.start(), occurrence.end()));
    }

    /** The conflicts found are those expected; a difference is named by what is missing and what is extra. */
    private static void same(Set<String> found, List<Breach> expected, String when) {
        Set<String> wanted = expected.stream().map(breach -> breach.id().value() + " " + breach.window() + " peak " + breach.peakConcurrency()
                + " " + breach.entries().stream().map(entry -> entry.key().id() + "/" + entry.title() + "/" + entry.time()).toList())
                .collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(found);
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(wanted);
        assertThat(missing).as("%s: missing (and extra %s)", when, extra).isEmpty();
        assertThat(extra).as("%s: extra", when).isEmpty();
    }

    private static Set<String> active(List<StoredConflict> conflicts) {
        return conflicts.stream().map(conflict -> conflict.id().value() + " " + conflict.window() + " peak "
                + conflict.lastDetected().peakConcurrency() + " " + conflict.lastDetected().entries().stream()
                .map(entry -> entry.entryId() + "/" + entry.title() + "/" + new TimeRange(entry.start(), entry.end())).toList())
                .collect(Collectors.toSet());
    }

    private record Sent(long version, RawEvent raw, RuleEvent event, EventMetadata metadata) {
    }

    private record PlacedItem(String id, CalendarId calendar, TimeRange time, boolean books, long version) {

        @Override
        public String toString() {
            return id + " on " + calendar + " at " + time + (books ? " booking the hall" : "");
        }
    }
}
