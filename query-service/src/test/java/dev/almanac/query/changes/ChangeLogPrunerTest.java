package dev.almanac.query.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The change log keeps what a valid sync token can still need and no more: blocks last written before a token's lifetime
 * are dropped, never a partition's newest, and a token that reaches back into them answers 410 {@code expired}.
 */
class ChangeLogPrunerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(7);
    private static final String KEY = Base64.getEncoder().encodeToString("a-test-key-of-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final Instant START = Instant.parse("2027-02-01T09:00:00Z");

    private final MongoDatabase database = InMemoryMongo.freshDatabase("feed-prune");
    private final FeedTokens tokens = new FeedTokens(KEY, TOKEN_LIFETIME.multipliedBy(2), Clock.systemUTC());
    private final Projections projections = new Projections(database, TIMEOUT, List.of(new ChangeLog(database, TIMEOUT)));
    private final FeedFixture fixture = new FeedFixture(projections);
    private final ChangeFeed feed = new ChangeFeed(database, tokens, TIMEOUT, () -> true);

    @Test
    void blocksOlderThanATokensLifetimeAreDroppedAndATokenThatNeedsThemIsGone() {
        fixture.given(ReadModelFixture.calendar("cal-p", ZoneId.of("Australia/Lord_Howe")));
        FeedToken early = token(feed.fullSync("ann", CalendarVisibility.EVERY_CALENDAR, null, 100, "sync_token").syncToken());
        fixture.givenInOneBatch(IntStream.range(0, ChangeLog.BLOCK * 2 + 40)
                .mapToObj(i -> ReadModelFixture.item("item-" + i, "cal-p", "meeting", START.plus(Duration.ofHours(i)), Duration.ofMinutes(30)))
                .toList());
        FeedToken late = token(feed.changes("ann", CalendarVisibility.EVERY_CALENDAR, early, 1_000, "sync_token").syncToken());
        long blocksBefore = Mongo.all(database, ChangeLog.LOG).size();

        assertThat(pruner(Instant.now()).prune()).as("nothing is old enough yet").isZero();
        long dropped = pruner(Instant.now().plus(TOKEN_LIFETIME).plusSeconds(60)).prune();

        assertThat(dropped).as("every full block, not the newest").isEqualTo(blocksBefore - 1);
        assertThat(Mongo.all(database, ChangeLog.LOG)).hasSize(1);
        assertThatThrownBy(() -> feed.changes("ann", CalendarVisibility.EVERY_CALENDAR, early, 1_000, "sync_token"))
                .isInstanceOfSatisfying(ProblemException.class, gone -> {
                    assertThat(gone.status().value()).isEqualTo(410);
                    assertThat(gone.violations().get(0).rule()).isEqualTo("expired");
                });

        Instant moved = START.plus(Duration.ofHours(3));
        fixture.given(new ItemRescheduled(ItemId.of("item-3"), CalendarId.of("cal-p"), moved, moved.plus(Duration.ofMinutes(30)),
                moved.plus(Duration.ofDays(1)), moved.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)), "moved"));
        FeedPage after = feed.changes("ann", CalendarVisibility.EVERY_CALENDAR, late, 1_000, "sync_token");
        assertThat(after.changes()).extracting(FeedChange::id).containsExactly("item-3");
    }

    private ChangeLogPruner pruner(Instant now) {
        return new ChangeLogPruner(database, TOKEN_LIFETIME, Duration.ofHours(1), TIMEOUT, Clock.fixed(now, ZoneOffset.UTC));
    }

    private FeedToken token(String signed) {
        return ((FeedTokens.Valid) tokens.check(signed, "ann")).token();
    }
}
