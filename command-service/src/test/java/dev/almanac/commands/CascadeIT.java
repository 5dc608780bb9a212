package dev.almanac.commands;

import static dev.almanac.commands.support.ScheduleClient.linked;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;

/**
 * Dependencies and reschedule with cascade (F033-DEPENDENCIES, ADR 0022) against the real event store: a
 * cascade moves every dependent, transitively, and their followers, by the same amount, in one
 * transaction, or nothing at all; and bulk reschedules take followers along.
 */
@CommandServiceIntegrationTest
class CascadeIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    private ScheduleClient schedules;

    @BeforeEach
    void setUp() {
        schedules = new ScheduleClient(client, jdbc, eventStore);
    }

    private static Instant at(int hours) {
        return NEXT_WEEK.plus(hours, ChronoUnit.HOURS);
    }

    /** The reschedule's notify (seed 000) is carried on the move of every item it moves, and absent without it (ADR 0079). */
    @Test
    void notifyIsCarriedOnEveryMoveOfTheRequestAndAbsentWithoutIt() {
        String calendar = schedules.createCalendar(10, "block");
        String a = schedules.schedule("a", calendar, at(0));
        String b = schedules.schedule("b", calendar, at(2), a);
        client.post().uri("/api/v1/schedules/{id}/reschedule", a).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", at(24).toString(), "cascade", true, "notify", true))
                .exchange().expectStatus().isOk();
        for (String item : List.of(a, b)) {
            List<ScheduleClient.Stored> history = schedules.history(item);
            assertThat(history.get(history.size() - 1).payload()).as("move of %s", item).isInstanceOfSatisfying(ItemRescheduled.class,
                    move -> assertThat(move.notifies()).isTrue());
        }

        schedules.reschedule(a, at(30), true).expectStatus().isOk();
        List<ScheduleClient.Stored> history = schedules.history(a);
        assertThat(history.get(history.size() - 1).payload()).isInstanceOfSatisfying(ItemRescheduled.class, move -> {
            assertThat(move.notifies()).isFalse();
            assertThat(move.notifyParticipants()).as("kept absent, as on events before the field").isNull();
        });
    }

    /** A depends on nothing; B and D on A; C on B; E follows D; F stands apart. */
    @Test
    void aCascadeMovesEveryDependentAndTheirFollowersByTheSameAmountInOneTransaction() {
        String calendar = schedules.createCalendar(10, "block");
        String other = schedules.createCalendar(10, "block");
        String a = schedules.schedule("a", calendar, at(0));
        String b = schedules.schedule("b", other, at(2), a);
        String c = schedules.schedule("c", calendar, at(4), b);
        String d = schedules.schedule("d", other, at(3), a);
        String e = schedules.schedule("e", calendar, at(5));
        String f = schedules.schedule("f", calendar, at(1));
        schedules.link(d, e, null).expectStatus().isOk();
        assertThat(schedules.history(c).get(0).payload()).isInstanceOfSatisfying(ItemScheduled.class,
                scheduled -> assertThat(scheduled.dependencies()).containsExactly(ItemId.of(b)));

        schedules.reschedule(a, at(24), true)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.new_time").isEqualTo(at(24).toString())
                .jsonPath("$.moved_with.length()").isEqualTo(4)
                .jsonPath("$.moved_with[?(@.job_id == '" + b + "')].relation").isEqualTo(List.of("dependent"))
                .jsonPath("$.moved_with[?(@.job_id == '" + c + "')].new_time").isEqualTo(List.of(at(28).toString()))
                .jsonPath("$.moved_with[?(@.job_id == '" + d + "')].relation").isEqualTo(List.of("dependent"))
                .jsonPath("$.moved_with[?(@.job_id == '" + e + "')].relation").isEqualTo(List.of("follower"))
                .jsonPath("$.moved_with[?(@.job_id == '" + e + "')].consistency_token").isNotEmpty();

        Map<String, Integer> moved = Map.of(a, 0, b, 2, c, 4, d, 3, e, 5);
        Set<String> transactions = new HashSet<>();
        moved.forEach((item, hour) -> {
            assertThat(schedules.bookedStart(item)).as("booking of %s", item).isEqualTo(at(hour + 24));
            List<ScheduleClient.Stored> history = schedules.history(item);
            ScheduleClient.Stored last = history.get(history.size() - 1);
            assertThat(last.payload()).isInstanceOfSatisfying(ItemRescheduled.class,
                    move -> assertThat(move.alongWith()).isEqualTo(item.equals(a) ? null : ItemId.of(a)));
            transactions.add(last.transaction());
        });
        assertThat(transactions).as("one PostgreSQL transaction for the whole cascade").hasSize(1);
        assertThat(schedules.bookedStart(f)).isEqualTo(at(1));
        // Only link partners are named: the dependent D and its follower E name each other, the others no one.
        assertThat(schedules.linkedChanges(d, 2)).containsExactly(linked(e, 2));
        assertThat(schedules.linkedChanges(e, 2)).containsExactly(linked(d, 2));
        for (String alone : List.of(a, b, c)) {
            assertThat(schedules.linkedChanges(alone, schedules.storedVersion(alone))).as("linked changes of %s", alone).isEmpty();
        }

        // Without cascade, only the item and its followers move.
        schedules.reschedule(a, at(30), false).expectStatus().isOk().expectBody().jsonPath("$.moved_with").doesNotExist();
        assertThat(schedules.bookedStart(b)).isEqualTo(at(26));
    }

    @Test
    void aDependentThatCannotMoveLeavesEveryItemWhereItWas() {
        String calendar = schedules.createCalendar(10, "block");
        String full = schedules.createCalendar(1, "block");
        String a = schedules.schedule("a", calendar, at(0));
        String b = schedules.schedule("b", calendar, at(2), a);
        String c = schedules.schedule("c", full, at(4), b);
        String inTheWay = schedules.schedule("x", full, at(28));

        schedules.reschedule(a, at(24), true)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("cascade")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-023")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("dependent " + c, inTheWay));

        for (String item : List.of(a, b, c)) {
            assertThat(schedules.storedVersion(item)).as("events of %s", item).isEqualTo(0);
        }
        assertThat(schedules.bookedStart(a)).isEqualTo(at(0));
        assertThat(schedules.bookedStart(b)).isEqualTo(at(2));
        assertThat(schedules.bookedStart(c)).isEqualTo(at(4));
        // The items held in memory were moved during the check; the rollback must have dropped them.
        client.post().uri("/api/v1/schedules/{id}/reschedule", b).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"0\"").bodyValue(Map.of("new_time", at(40).toString())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.old_time").isEqualTo(at(2).toString());
    }

    @Test
    void aCascadeGoesThroughACancelledItemWithoutMovingIt() {
        String calendar = schedules.createCalendar(10, "allow");
        String a = schedules.schedule("a", calendar, at(0));
        String b = schedules.schedule("b", calendar, at(2), a);
        String c = schedules.schedule("c", calendar, at(4), b);
        schedules.cancel(b).expectStatus().isOk();

        schedules.reschedule(a, at(10), true).expectStatus().isOk()
                .expectBody().jsonPath("$.moved_with.length()").isEqualTo(1).jsonPath("$.moved_with[0].job_id").isEqualTo(c);

        assertThat(schedules.storedVersion(b)).isEqualTo(1);
        assertThat(schedules.bookedStart(c)).isEqualTo(at(14));
    }

    @Test
    void aCascadeThatReachesAFollowerButNotItsPrimaryIsRefused() {
        String calendar = schedules.createCalendar(10, "allow");
        String a = schedules.schedule("a", calendar, at(0));
        String primary = schedules.schedule("p", calendar, at(1));
        String follower = schedules.schedule("f", calendar, at(2), a);
        schedules.link(primary, follower, null).expectStatus().isOk();

        schedules.reschedule(a, at(10), true)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("cascade")
                .jsonPath("$.errors[0].rule").isEqualTo("linked")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(follower, primary));
        assertThat(schedules.storedVersion(a)).isEqualTo(0);

        schedules.reschedule(a, at(10), false).expectStatus().isOk();
    }

    @Test
    void aCascadeMovesAtMostOneHundredItems() {
        String calendar = schedules.createCalendar(200, "allow");
        String a = schedules.schedule("a", calendar, at(0));
        List<String> dependents = IntStream.range(0, 99).mapToObj(i -> schedules.schedule("d" + i, calendar, at(1), a)).toList();

        // The item and 99 dependents are 100 items: at the bound, the cascade moves them all.
        schedules.reschedule(a, at(10), true).expectStatus().isOk().expectBody().jsonPath("$.moved_with.length()").isEqualTo(99);
        assertThat(schedules.bookedStart(dependents.get(98))).isEqualTo(at(11));

        schedules.schedule("d99", calendar, at(11), a);
        schedules.reschedule(a, at(20), true)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("cascade")
                .jsonPath("$.errors[0].rule").isEqualTo("max_cascade");
        assertThat(schedules.storedVersion(a)).isEqualTo(1);
    }

    @Test
    void dependenciesAreCheckedWhenAnItemIsScheduled() {
        String calendar = schedules.createCalendar(10, "allow");
        String a = schedules.schedule("a", calendar, at(0));
        String id = "item-" + UUID.randomUUID();

        expectScheduleRefusal(id, calendar, List.of(a, "nobody-" + UUID.randomUUID()), HttpStatus.UNPROCESSABLE_CONTENT,
                "dependencies[1]", "exists");
        expectScheduleRefusal(id, calendar, List.of(id), HttpStatus.BAD_REQUEST, "dependencies[0]", "not_self");
        expectScheduleRefusal(id, calendar, List.of(a, a), HttpStatus.BAD_REQUEST, "dependencies[1]", "unique");
        expectScheduleRefusal(id, calendar, List.of("bad id!"), HttpStatus.BAD_REQUEST, "dependencies[0]", "pattern");
        expectScheduleRefusal(id, calendar, IntStream.range(0, 21).mapToObj(i -> "item-" + i).toList(), HttpStatus.BAD_REQUEST,
                "dependencies", "size");
        assertThat(schedules.storedVersion(id)).isEqualTo(-1);
    }

    private void expectScheduleRefusal(String id, String calendar, List<String> dependencies, HttpStatus status, String field,
                                       String rule) {
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "calendar_id", calendar, "title", "Dependent", "type", "shift",
                        "start", at(3).toString(), "end", at(4).toString(), "timezone", "UTC", "dependencies", dependencies))
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    @Test
    void aBulkRescheduleTakesEachPrimarysFollowersAlongAndRefusesAFollowerOnItsOwn() {
        String calendar = schedules.createCalendar(10, "block");
        String primary = schedules.schedule("p", calendar, at(0));
        String follower = schedules.schedule("f", calendar, at(2));
        String single = schedules.schedule("s", calendar, at(4));
        schedules.link(primary, follower, null).expectStatus().isOk();

        client.post().uri("/api/v1/schedules/bulk-reschedule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(Map.of("job_id", single, "new_time", at(30).toString()),
                        Map.of("job_id", primary, "new_time", at(24).toString()))))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.followers.length()").isEqualTo(1)
                .jsonPath("$.followers[0].job_index").isEqualTo(1)
                .jsonPath("$.followers[0].job_id").isEqualTo(follower)
                .jsonPath("$.followers[0].new_time").isEqualTo(at(26).toString())
                .jsonPath("$.followers[0].consistency_token").isNotEmpty();
        assertThat(schedules.bookedStart(follower)).isEqualTo(at(26));
        assertThat(schedules.history(follower).get(2).transaction()).isEqualTo(schedules.history(primary).get(2).transaction());
        assertThat(schedules.linkedChanges(primary, 2)).containsExactly(linked(follower, 2));
        assertThat(schedules.linkedChanges(follower, 2)).containsExactly(linked(primary, 2));
        assertThat(schedules.linkedChanges(single, 1)).isEmpty();

        client.post().uri("/api/v1/schedules/bulk-reschedule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(Map.of("job_id", single, "new_time", at(40).toString()),
                        Map.of("job_id", follower, "new_time", at(42).toString()))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("jobs[1].job_id")
                .jsonPath("$.errors[0].rule").isEqualTo("linked");
        assertThat(schedules.bookedStart(single)).isEqualTo(at(30));
    }

    /**
     * Each round, a cascade from an item and a bulk reschedule name the same two items, whose ids
     * sort the other way round from the cascade's root first. Both lock in the order of the ids, so
     * neither waits for the other in a cycle: both are answered, every round, and never with a 5xx.
     */
    @Test
    void aCascadeAndABulkRescheduleOverTheSameItemsNeverDeadlock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String calendar = schedules.createCalendar(50, "block");
            for (int number = 0; number < 10; number++) {
                int round = number;
                String root = schedules.schedule("z-root", calendar, at(round));
                String dependent = schedules.schedule("a-dependent", calendar, at(round + 1), root);
                List<HttpStatus> statuses = race(pool,
                        () -> status(schedules.reschedule(root, at(100 + round), true)),
                        () -> status(client.post().uri("/api/v1/schedules/bulk-reschedule").contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("jobs", List.of(Map.of("job_id", root, "new_time", at(200 + round).toString()),
                                        Map.of("job_id", dependent, "new_time", at(201 + round).toString()))))
                                .exchange()));
                assertThat(statuses).as("round %d", round).allMatch(status -> status == HttpStatus.OK || status == HttpStatus.CONFLICT);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpStatus status(WebTestClient.ResponseSpec response) {
        return HttpStatus.valueOf(response.returnResult(String.class).getStatus().value());
    }

    private static List<HttpStatus> race(ExecutorService pool, Supplier<HttpStatus> first, Supplier<HttpStatus> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpStatus>> answers = new ArrayList<>();
        for (Supplier<HttpStatus> request : List.of(first, second)) {
            answers.add(pool.submit(() -> {
                start.await();
                return request.get();
            }));
        }
        start.countDown();
        List<HttpStatus> statuses = new ArrayList<>();
        for (Future<HttpStatus> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        return statuses;
    }
}
