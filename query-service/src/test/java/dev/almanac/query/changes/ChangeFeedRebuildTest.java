package dev.almanac.query.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.ReadModelFixture;

/**
 * A sync token names offsets, so it outlives the process that gave it and the store it was read from: a new process over
 * the same store serves it, and a store rebuilt from the topics (ADR 0014) tells each change after it once, none of those
 * before it again, even while it is still catching up.
 */
class ChangeFeedRebuildTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String KEY = Base64.getEncoder().encodeToString("a-test-key-of-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final MongoDatabase database = InMemoryMongo.freshDatabase("feed-rebuild");
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private final FeedTokens tokens = new FeedTokens(KEY, Duration.ofDays(7), Clock.systemUTC());

    /** A process of query-service over the store: its projection with the change log, and its feed. */
    private record Process(FeedFixture fixture, ChangeFeed feed) {
    }

    private Process start() {
        Projections projections = new Projections(database, TIMEOUT, List.of(new ChangeLog(database, TIMEOUT)));
        return new Process(new FeedFixture(projections), new ChangeFeed(database, tokens, TIMEOUT, caughtUp::get));
    }

    private FeedToken token(String signed) {
        return ((FeedTokens.Valid) tokens.check(signed, "ann")).token();
    }

    private static List<String> told(FeedPage page) {
        List<String> told = new ArrayList<>();
        page.changes().forEach(change -> told.add(change.id() + "@" + change.version() + " " + change.change()));
        return told;
    }

    @Test
    void aTokenOutlivesItsProcessAndItsStoreAndEachChangeIsToldOnce() {
        List<AlmanacEvent> history = new ArrayList<>(List.of(ReadModelFixture.calendar("cal-r", ZoneId.of("UTC")),
                ReadModelFixture.item("item-1", "cal-r", "meeting", START, Duration.ofHours(1)),
                ReadModelFixture.item("item-2", "cal-r", "meeting", START.plusSeconds(7200), Duration.ofHours(1))));
        Process first = start();
        history.forEach(first.fixture()::given);
        FeedPage full = first.feed().fullSync("ann", CalendarVisibility.EVERY_CALENDAR, null, 100, "sync_token");
        assertThat(told(full)).containsExactly("item-1@0 created", "item-2@0 created");

        AlmanacEvent moved = new ItemRescheduled(ItemId.of("item-1"), CalendarId.of("cal-r"), START, START.plusSeconds(3600),
                START.plusSeconds(86_400), START.plusSeconds(90_000), "moved");
        history.add(moved);
        first.fixture().given(moved);
        FeedPage changes = first.feed().changes("ann", CalendarVisibility.EVERY_CALENDAR, token(full.syncToken()), 100, "sync_token");
        assertThat(told(changes)).containsExactly("item-1@1 changed");

        // Another process over the same store serves the token.
        Process second = start();
        assertThat(second.feed().changes("ann", CalendarVisibility.EVERY_CALENDAR, token(changes.syncToken()), 100, "sync_token").changes())
                .isEmpty();

        // The store is emptied and rebuilt from the topics: while it has read only part of them, a token ahead of it tells nothing.
        Flux.from(database.listCollectionNames()).concatMap(name -> Mono.from(database.getCollection(name).deleteMany(new Document())))
                .then().block(TIMEOUT);
        caughtUp.set(false);
        Process rebuilt = start();
        history.subList(0, 2).forEach(rebuilt.fixture()::given);
        FeedPage whileRebuilding = rebuilt.feed().changes("ann", CalendarVisibility.EVERY_CALENDAR, token(changes.syncToken()), 100,
                "sync_token");
        assertThat(whileRebuilding.changes()).isEmpty();

        // Once it holds the rest, and a change after the token, only that change is told.
        history.subList(2, history.size()).forEach(rebuilt.fixture()::given);
        caughtUp.set(true);
        rebuilt.fixture().given(new ItemCancelled(ItemId.of("item-2"), CalendarId.of("cal-r"), START.plusSeconds(7200),
                START.plusSeconds(10_800), "not needed", null, null));
        FeedPage after = rebuilt.feed().changes("ann", CalendarVisibility.EVERY_CALENDAR, token(whileRebuilding.syncToken()), 100,
                "sync_token");
        assertThat(told(after)).containsExactly("item-2@1 removed");
    }

    @Test
    void aTokenAheadOfACaughtUpStoreIsGone() {
        Process process = start();
        process.fixture().given(ReadModelFixture.calendar("cal-g", ZoneId.of("UTC")),
                ReadModelFixture.item("item-g", "cal-g", "meeting", START, Duration.ofHours(1)));
        FeedToken ahead = new FeedToken(FeedToken.Kind.SYNC, FeedTokens.callerDigest("ann"), Instant.now(), FeedScopes.EVERY_CALENDAR,
                Positions.of(java.util.Map.of("almanac.schedule.v1/0", 1_000L)), Positions.NONE, null);

        assertThatThrownBy(() -> process.feed().changes("ann", CalendarVisibility.EVERY_CALENDAR, ahead, 100, "sync_token"))
                .isInstanceOfSatisfying(ProblemException.class, gone -> {
                    assertThat(gone.status().value()).isEqualTo(410);
                    assertThat(gone.violations().get(0).rule()).isEqualTo("unknown_positions");
                });
    }
}
