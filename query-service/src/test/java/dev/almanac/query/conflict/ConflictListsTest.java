package dev.almanac.query.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Received;

/**
 * The conflict lists read from the per-day documents equal filtering and sorting every conflict's
 * newest state: by calendar or across calendars, by status or not, at any limit, with conflicts
 * that moved to another day, flipped status, or were cleared before any detection was seen.
 */
class ConflictListsTest {

    private static final List<String> CALENDARS = List.of("cal-a", "cal.b", "cal-c");
    private static final Instant FROM = Instant.parse("2026-05-01T00:00:00Z");

    private static final Map<String, Truth> truth = new LinkedHashMap<>();
    private static ConflictLists lists;
    private static MongoDatabase database;

    /** A conflict's newest state, as far as lists care. */
    private record Truth(String id, String calendarId, ConflictStatus status, Instant start) {
    }

    @BeforeAll
    static void projectRandomConflictHistoriesInRandomBatches() {
        Random random = new Random(5);
        List<List<ReceivedEvent>> histories = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            histories.add(history(random, "conflict." + i, CALENDARS.get(random.nextInt(CALENDARS.size()))));
        }
        List<ReceivedEvent> delivered = new ArrayList<>();
        while (!histories.isEmpty()) {
            List<ReceivedEvent> history = histories.get(random.nextInt(histories.size()));
            delivered.add(history.remove(0));
            if (random.nextInt(6) == 0) {
                delivered.add(delivered.get(random.nextInt(delivered.size())));
            }
            histories.removeIf(List::isEmpty);
        }
        database = InMemoryMongo.freshDatabase("conflict_lists");
        Projections projections = new Projections(database, Duration.ofSeconds(30));
        for (int start = 0; start < delivered.size(); ) {
            int size = 1 + random.nextInt(30);
            projections.apply(delivered.subList(start, Math.min(delivered.size(), start + size))).block(Duration.ofSeconds(30));
            start += size;
        }
        lists = new ConflictLists(database);
    }

    @Test
    void everyFilterAndLimitListsTheNewestStatesByStartAndId() {
        List<String> scopes = new ArrayList<>(CALENDARS);
        scopes.add(null);
        for (String calendar : scopes) {
            for (ConflictStatus status : statusesAndNone()) {
                for (int limit : List.of(1, 7, 30, 1000)) {
                    List<String> listed = lists.list(calendar, status, limit).map(ConflictView::id).collectList()
                            .block(Duration.ofSeconds(10));

                    assertThat(listed).as("%s %s %d", calendar, status, limit).containsExactlyElementsOf(expected(calendar, status, limit));
                }
            }
        }
    }

    /** Page after page by cursor, in every scope and status, gives the whole list once, the undated conflicts first. */
    @Test
    void pagesByCursorTogetherAreTheWholeListOnce() {
        List<String> scopes = new ArrayList<>(CALENDARS);
        scopes.add(null);
        for (String calendar : scopes) {
            for (ConflictStatus status : statusesAndNone()) {
                for (int limit : List.of(1, 3, 17)) {
                    List<String> seen = new ArrayList<>();
                    ConflictCursor cursor = null;
                    for (int page = 0; page < 1000; page++) {
                        List<ConflictView> read = lists.list(calendar, status, cursor, limit + 1).collectList().block(Duration.ofSeconds(10));
                        read.stream().limit(limit).forEach(conflict -> seen.add(conflict.id()));
                        if (read.size() <= limit) {
                            break;
                        }
                        cursor = ConflictCursor.decode(ConflictCursor.after(read.get(limit - 1)).encode()).orElseThrow();
                    }

                    assertThat(seen).as("%s %s by %d", calendar, status, limit).containsExactlyElementsOf(expected(calendar, status, 1000));
                }
            }
        }
    }

    /**
     * A caller who sees one calendar's conflicts of all of them pages through them as the controller does: pages read on
     * past the hidden ones up to the examined-per-page, then answer short with a cursor at the first day not read. Page
     * after page gives that calendar's list once, whatever the budget, and no cursor names a hidden conflict.
     */
    @Test
    void pagesThatReadOnPastHiddenConflictsStopAtTheirBudgetAndTogetherAreTheShownListOnce() {
        for (int examined : List.of(1, 5, 40, ConflictLists.EXAMINED_PER_PAGE)) {
            ConflictLists bounded = new ConflictLists(database, examined);
            for (ConflictStatus status : statusesAndNone()) {
                for (int limit : List.of(1, 4)) {
                    List<String> seen = new ArrayList<>();
                    int shortPagesWithACursor = 0;
                    ConflictCursor cursor = null;
                    for (int page = 0; page < 1000; page++) {
                        ConflictLists.Page read = bounded.page(null, status, cursor, limit + 1,
                                conflict -> conflict.calendarId().equals("cal-c")).block(Duration.ofSeconds(10));
                        assertThat(read.conflicts()).allSatisfy(conflict -> assertThat(conflict.calendarId()).isEqualTo("cal-c"));
                        read.conflicts().stream().limit(limit).forEach(conflict -> seen.add(conflict.id()));
                        if (read.conflicts().size() > limit) {
                            cursor = ConflictCursor.after(read.conflicts().get(limit - 1));
                        } else if (read.readOnFrom() != null) {
                            shortPagesWithACursor++;
                            assertThat(read.readOnFrom().id()).as("names no conflict").isEmpty();
                            cursor = read.readOnFrom();
                        } else {
                            break;
                        }
                        cursor = ConflictCursor.decode(cursor.encode()).orElseThrow();
                    }

                    assertThat(seen).as("by %d, %s, at most %d examined", limit, status, examined)
                            .containsExactlyElementsOf(expected("cal-c", status, 1000));
                    if (examined == ConflictLists.EXAMINED_PER_PAGE) {
                        assertThat(shortPagesWithACursor).as("160 conflicts in all: the budget never runs out").isZero();
                    }
                    if (examined == 1 && status == null) {
                        assertThat(shortPagesWithACursor).as("a page of one day at most").isPositive();
                    }
                }
            }
        }
    }

    @Test
    void aCursorFromTheStartOfADayComesBeforeEveryConflictOfThatDayAndLaterAndAfterEveryEarlierOne() {
        List<ConflictView> all = lists.list(null, null, 1000).collectList().block(Duration.ofSeconds(10));
        assertThat(all).anySatisfy(conflict -> assertThat(conflict.start()).isNull());
        for (ConflictView conflict : all) {
            if (conflict.start() == null) {
                assertThat(ConflictCursor.fromStartOf("2026-01-01").precedes(conflict)).as("undated first").isFalse();
                continue;
            }
            LocalDate day = UtcSlots.dayOf(conflict.start());
            ConflictCursor fromItsDay = ConflictCursor.decode(ConflictCursor.fromStartOf(day.toString()).encode()).orElseThrow();
            assertThat(fromItsDay.bucket()).isEqualTo(day.toString());
            assertThat(fromItsDay.precedes(conflict)).as(conflict.id()).isTrue();
            assertThat(ConflictCursor.fromStartOf(day.minusDays(1).toString()).precedes(conflict)).isTrue();
            assertThat(ConflictCursor.fromStartOf(day.plusDays(1).toString()).precedes(conflict)).isFalse();
        }
    }

    private static List<ConflictStatus> statusesAndNone() {
        List<ConflictStatus> statuses = new ArrayList<>(List.of(ConflictStatus.values()));
        statuses.add(null);
        return statuses;
    }

    private static List<String> expected(String calendar, ConflictStatus status, int limit) {
        return truth.values().stream()
                .filter(conflict -> calendar == null || calendar.equals(conflict.calendarId()))
                .filter(conflict -> status == null || status == conflict.status())
                .sorted(Comparator.comparing(Truth::start, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                        .thenComparing(Truth::id))
                .limit(limit)
                .map(Truth::id)
                .toList();
    }

    /** Detected, maybe escalated, resolved or dismissed, maybe cleared, maybe detected again elsewhere; or, now and then, only a clearing. */
    private static List<ReceivedEvent> history(Random random, String id, String calendar) {
        List<ReceivedEvent> history = new ArrayList<>();
        if (random.nextInt(10) == 0) {
            history.add(Received.of(new ConflictCleared(ConflictId.of(id), CalendarId.of(calendar), "no overlap"), 0));
            truth.put(id, new Truth(id, calendar, ConflictStatus.CLEARED, null));
            return history;
        }
        Instant start = FROM.plusSeconds(random.nextInt((int) Duration.ofDays(10).toSeconds()));
        history.add(Received.of(detected(id, calendar, start), 0));
        ConflictStatus status = ConflictStatus.DETECTED;
        int version = 1;
        switch (random.nextInt(4)) {
            case 1 -> {
                history.add(Received.of(new ConflictEscalated(ConflictId.of(id), CalendarId.of(calendar), "managers", "why", "tester", FROM, false), version++));
                status = ConflictStatus.ESCALATED;
            }
            case 2 -> {
                history.add(Received.of(new ConflictDismissed(ConflictId.of(id), CalendarId.of(calendar), "tester", "fine", FROM), version++));
                status = ConflictStatus.DISMISSED;
            }
            case 3 -> {
                history.add(Received.of(new ConflictResolved(ConflictId.of(id), CalendarId.of(calendar), ResolutionMethod.SPLIT, "tester", null, FROM), version++));
                status = ConflictStatus.RESOLVED;
            }
            default -> {
            }
        }
        boolean holds = true;
        if (random.nextBoolean()) {
            history.add(Received.of(new ConflictCleared(ConflictId.of(id), CalendarId.of(calendar), "no overlap"), version++));
            status = status == ConflictStatus.RESOLVED || status == ConflictStatus.DISMISSED ? status : ConflictStatus.CLEARED;
            holds = false;
        }
        if (random.nextInt(3) == 0) {
            start = FROM.plusSeconds(random.nextInt((int) Duration.ofDays(10).toSeconds()));
            history.add(Received.of(detected(id, calendar, start), version));
            status = holds ? status : ConflictStatus.DETECTED;
        }
        truth.put(id, new Truth(id, calendar, status, start));
        return history;
    }

    private static ConflictDetected detected(String id, String calendar, Instant start) {
        ConflictDetected sample = EventSamples.conflictDetected();
        return new ConflictDetected(ConflictId.of(id), CalendarId.of(calendar), sample.type(), sample.level(), start,
                start.plus(Duration.ofMinutes(30)), sample.capacity(), sample.peakConcurrency(), List.copyOf(sample.entries()));
    }
}
