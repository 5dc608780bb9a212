package dev.almanac.commands;

import static dev.almanac.commands.support.ScheduleClient.linked;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.item.CancelItem;
import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;
import dev.almanac.commands.support.ScheduleClient.Stored;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * Linked items (LNK-PAIR, ADR 0022) against the real event store: a follower moves and is
 * cancelled with its primary in the primary's own transaction, all or nothing, also while other
 * requests race for either item. What was stored is read back from PostgreSQL, including the
 * transaction ({@code xmin}) that stored each event.
 */
@CommandServiceIntegrationTest
class LinkedItemsIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    private ScheduleClient schedules;

    @BeforeEach
    void setUp() {
        schedules = new ScheduleClient(client, jdbc, eventStore);
    }

    private static Instant at(int hours) {
        return NEXT_WEEK.plus(hours, ChronoUnit.HOURS);
    }

    @Test
    void aPrimaryMoveTakesItsFollowerAlongInTheSameTransaction() {
        String coreCalendar = schedules.createCalendar(5, "block");
        String supervisorCalendar = schedules.createCalendar(5, "block");
        String core = schedules.schedule("core", coreCalendar, at(0));
        String supervisor = schedules.schedule("supervisor", supervisorCalendar, at(2));

        schedules.link(core, supervisor, null)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(core, 1).encode())
                .expectBody()
                .jsonPath("$.offset").isEqualTo("2h")
                .jsonPath("$.offset_seconds").isEqualTo(7200)
                .jsonPath("$.linked").isEqualTo(true)
                .jsonPath("$.changed").isEqualTo(true)
                .jsonPath("$.follower.version").isEqualTo(1)
                .jsonPath("$.follower.consistency_token").isEqualTo(ConsistencyToken.item(supervisor, 1).encode());

        schedules.reschedule(core, at(24), false)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.old_time").isEqualTo(at(0).toString())
                .jsonPath("$.new_time").isEqualTo(at(24).toString())
                .jsonPath("$.moved_with.length()").isEqualTo(1)
                .jsonPath("$.moved_with[0].job_id").isEqualTo(supervisor)
                .jsonPath("$.moved_with[0].relation").isEqualTo("follower")
                .jsonPath("$.moved_with[0].old_time").isEqualTo(at(2).toString())
                .jsonPath("$.moved_with[0].new_time").isEqualTo(at(26).toString())
                .jsonPath("$.moved_with[0].version").isEqualTo(2)
                .jsonPath("$.moved_with[0].consistency_token").isEqualTo(ConsistencyToken.item(supervisor, 2).encode());

        assertThat(schedules.bookedStart(core)).isEqualTo(at(24));
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(26));
        Stored primaryMove = schedules.history(core).get(2);
        Stored followerMove = schedules.history(supervisor).get(2);
        assertThat(followerMove.payload()).isInstanceOfSatisfying(ItemRescheduled.class,
                moved -> assertThat(moved.alongWith()).isEqualTo(ItemId.of(core)));
        assertThat(followerMove.transaction()).as("one PostgreSQL transaction").isEqualTo(primaryMove.transaction());
        assertThat(followerMove.correlationId()).isEqualTo(primaryMove.correlationId());
        // Each side names the other at the version it reached: the link (no move, the offset is where it stands), the move.
        assertThat(schedules.linkedChanges(core, 1)).containsExactly(linked(supervisor, 1));
        assertThat(schedules.linkedChanges(supervisor, 1)).containsExactly(linked(core, 1));
        assertThat(schedules.linkedChanges(core, 2)).containsExactly(linked(supervisor, 2));
        assertThat(schedules.linkedChanges(supervisor, 2)).containsExactly(linked(core, 2));
    }

    /**
     * A primary moved with its followers names each follower that moved at its new version, and each follower names the
     * primary at its own; a cancelled follower does not move and is named by none. A move to where the pair stands
     * changes nothing: no item plans a version it does not reach (ItemMoves checks that, as a 500 would show).
     */
    @Test
    void aMoveNamesEveryFollowerThatMovedAtItsNewVersionAndLeavesACancelledOneOut() {
        String calendar = schedules.createCalendar(10, "block");
        String core = schedules.schedule("core", calendar, at(0));
        String first = schedules.schedule("supervisor", calendar, at(2));
        String second = schedules.schedule("juicer", calendar, at(3));
        String cancelled = schedules.schedule("runner", calendar, at(4));
        for (String follower : List.of(first, second, cancelled)) {
            schedules.link(core, follower, null).expectStatus().isOk();
        }
        commands.sendAndWait(new CancelItem(ItemId.of(cancelled), "cancelled outside the API", null, ItemId.of(core), null, List.of()));

        schedules.reschedule(core, at(24), false).expectStatus().isOk()
                .expectBody().jsonPath("$.moved_with.length()").isEqualTo(2);

        assertThat(schedules.storedVersion(core)).isEqualTo(4);
        assertThat(schedules.linkedChanges(core, 4)).containsExactlyInAnyOrder(linked(first, 2), linked(second, 2));
        assertThat(schedules.linkedChanges(first, 2)).containsExactly(linked(core, 4));
        assertThat(schedules.linkedChanges(second, 2)).containsExactly(linked(core, 4));
        assertThat(schedules.storedVersion(cancelled)).isEqualTo(2);

        schedules.reschedule(core, at(24), false).expectStatus().isOk().expectBody().jsonPath("$.moved_with").doesNotExist();
        assertThat(List.of(schedules.storedVersion(core), schedules.storedVersion(first), schedules.storedVersion(second)))
                .containsExactly(4L, 2L, 2L);
    }

    @Test
    void aFollowerChangesOnlyWithItsPrimaryUntilItIsUnlinked() {
        String calendar = schedules.createCalendar(5, "allow");
        String core = schedules.schedule("core", calendar, at(0));
        String supervisor = schedules.schedule("supervisor", calendar, at(2));
        schedules.link(core, supervisor, null).expectStatus().isOk();

        schedules.reschedule(supervisor, at(5), false)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("linked")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(core));
        schedules.cancel(supervisor).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("linked");
        client.post().uri("/api/v1/schedules/{id}/undo", supervisor).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("linked");
        assertThat(schedules.storedVersion(supervisor)).isEqualTo(1);

        client.delete().uri("/api/v1/schedules/{id}/links/{followerId}", core, supervisor).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.linked").isEqualTo(false).jsonPath("$.follower.version").isEqualTo(2);
        client.delete().uri("/api/v1/schedules/{id}/links/{followerId}", core, supervisor).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("followerId").jsonPath("$.errors[0].rule").isEqualTo("exists");

        assertThat(schedules.linkedChanges(core, 2)).containsExactly(linked(supervisor, 2));
        assertThat(schedules.linkedChanges(supervisor, 2)).containsExactly(linked(core, 2));

        schedules.reschedule(supervisor, at(5), false).expectStatus().isOk();
        schedules.reschedule(core, at(30), false).expectStatus().isOk().expectBody().jsonPath("$.moved_with").doesNotExist();
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(5));
        assertThat(schedules.linkedChanges(supervisor, 3)).as("a single item's move").isEmpty();
        assertThat(schedules.linkedChanges(core, 3)).as("a single item's move").isEmpty();
    }

    /**
     * ADR 0030: a primary cancelled on its own, as only a change outside the API can cancel it, leaves its
     * follower orphaned; the API repairs that by cancelling the follower on its own, or by unlinking the pair.
     * A follower of a primary that stands, and a pair cancelled together, are refused as before.
     */
    @Test
    void anOrphanWhosePrimaryIsCancelledIsRepairedByCancellingOrUnlinkingItsFollower() {
        String calendar = schedules.createCalendar(5, "allow");
        String core = schedules.schedule("core", calendar, at(0));
        String supervisor = schedules.schedule("supervisor", calendar, at(2));
        String otherCore = schedules.schedule("other-core", calendar, at(4));
        String otherSupervisor = schedules.schedule("other-supervisor", calendar, at(6));
        schedules.link(core, supervisor, null).expectStatus().isOk();
        schedules.link(otherCore, otherSupervisor, null).expectStatus().isOk();
        schedules.cancel(otherSupervisor).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("linked");

        commands.sendAndWait(new CancelItem(ItemId.of(core), "cancelled outside the API", null));
        commands.sendAndWait(new CancelItem(ItemId.of(otherCore), "cancelled outside the API", null));

        schedules.reschedule(supervisor, at(3), false).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("linked");
        schedules.cancel(supervisor).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");
        assertThat(schedules.history(supervisor).get(2).payload()).isInstanceOfSatisfying(ItemCancelled.class,
                cancelled -> assertThat(cancelled.alongWith()).as("cancelled on its own").isNull());
        assertThat(schedules.linkedChanges(core, 2)).as("the primary cancelled alone").isEmpty();
        assertThat(schedules.linkedChanges(supervisor, 2)).as("its primary, cancelled before, did not change").isEmpty();
        client.delete().uri("/api/v1/schedules/{id}/links/{followerId}", core, supervisor).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("cancelled");

        client.delete().uri("/api/v1/schedules/{id}/links/{followerId}", otherCore, otherSupervisor).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.linked").isEqualTo(false);
        assertThat(schedules.history(otherCore).get(3).payload()).isInstanceOf(ItemUnlinked.class);
        assertThat(schedules.history(otherSupervisor).get(2).payload()).isInstanceOf(ItemUnlinked.class);
        assertThat(schedules.linkedChanges(otherCore, 3)).containsExactly(linked(otherSupervisor, 2));
        assertThat(schedules.linkedChanges(otherSupervisor, 2)).containsExactly(linked(otherCore, 3));
        schedules.reschedule(otherSupervisor, at(7), false).expectStatus().isOk();
        assertThat(schedules.bookedStart(otherSupervisor)).isEqualTo(at(7));
    }

    @Test
    void cancellingThePrimaryCancelsItsFollowersInTheSameTransaction() {
        String calendar = schedules.createCalendar(5, "block");
        String core = schedules.schedule("core", calendar, at(0));
        String first = schedules.schedule("supervisor", calendar, at(2));
        String second = schedules.schedule("juicer", calendar, at(3));
        schedules.link(core, first, null).expectStatus().isOk();
        schedules.link(core, second, null).expectStatus().isOk();

        schedules.cancel(core)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("cancelled")
                .jsonPath("$.cancelled_with.length()").isEqualTo(2)
                .jsonPath("$.cancelled_with[*].id").value(ids -> assertThat((List<Object>) ids).containsExactlyInAnyOrder(first, second))
                .jsonPath("$.cancelled_with[0].consistency_token").isNotEmpty();

        for (String follower : List.of(first, second)) {
            assertThat(schedules.bookedStart(follower)).as("booking of %s", follower).isNull();
            Stored cancelled = schedules.history(follower).get(2);
            assertThat(cancelled.payload()).isInstanceOfSatisfying(ItemCancelled.class,
                    event -> assertThat(event.alongWith()).isEqualTo(ItemId.of(core)));
            assertThat(cancelled.transaction()).isEqualTo(schedules.history(core).get(3).transaction());
            assertThat(schedules.linkedChanges(follower, 2)).containsExactly(linked(core, 3));
        }
        assertThat(schedules.linkedChanges(core, 3)).containsExactlyInAnyOrder(linked(first, 2), linked(second, 2));
    }

    @Test
    void anOffsetMovesTheFollowerAndLinkingAgainChangesIt() {
        String calendar = schedules.createCalendar(5, "block");
        String core = schedules.schedule("core", calendar, at(10));
        String supervisor = schedules.schedule("supervisor", calendar, at(0));

        schedules.link(core, supervisor, "-30m")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.offset").isEqualTo("-30m")
                .jsonPath("$.follower_start").isEqualTo(at(10).minus(30, ChronoUnit.MINUTES).toString());
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(10).minus(30, ChronoUnit.MINUTES));
        // The follower's move to its offset is its second event: the primary's link names that one.
        assertThat(schedules.history(supervisor).get(2).payload()).isInstanceOf(ItemRescheduled.class);
        assertThat(schedules.linkedChanges(core, 1)).containsExactly(linked(supervisor, 2));
        assertThat(schedules.linkedChanges(supervisor, 1)).containsExactly(linked(core, 1));
        assertThat(schedules.linkedChanges(supervisor, 2)).containsExactly(linked(core, 1));

        schedules.link(core, supervisor, null).expectStatus().isOk().expectBody().jsonPath("$.changed").isEqualTo(false);
        schedules.link(core, supervisor, "-30m").expectStatus().isOk().expectBody().jsonPath("$.changed").isEqualTo(false);
        schedules.link(core, supervisor, "3h").expectStatus().isOk().expectBody()
                .jsonPath("$.changed").isEqualTo(true).jsonPath("$.offset_seconds").isEqualTo(10_800);
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(13));
        assertThat(schedules.history(supervisor).stream().filter(stored -> stored.payload() instanceof ItemLinked)).hasSize(2);
        assertThat(schedules.storedVersion(core)).as("the links that changed nothing wrote nothing").isEqualTo(2);
        assertThat(schedules.linkedChanges(core, 2)).containsExactly(linked(supervisor, 4));
        assertThat(schedules.linkedChanges(supervisor, 3)).containsExactly(linked(core, 2));
        assertThat(schedules.linkedChanges(supervisor, 4)).containsExactly(linked(core, 2));

        schedules.reschedule(core, at(20), false).expectStatus().isOk();
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(23));
        assertThat(schedules.linkedChanges(core, 3)).containsExactly(linked(supervisor, 5));
        assertThat(schedules.linkedChanges(supervisor, 5)).containsExactly(linked(core, 3));
    }

    @Test
    void whenTheFollowerCannotMoveNeitherDoesThePrimary() {
        String coreCalendar = schedules.createCalendar(5, "block");
        String fullCalendar = schedules.createCalendar(1, "block");
        String core = schedules.schedule("core", coreCalendar, at(0));
        String supervisor = schedules.schedule("supervisor", fullCalendar, at(2));
        String inTheWay = schedules.schedule("other", fullCalendar, at(26));
        schedules.link(core, supervisor, null).expectStatus().isOk();

        schedules.reschedule(core, at(24), false)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("new_time")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-023")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("follower " + supervisor, inTheWay));

        assertThat(schedules.storedVersion(core)).isEqualTo(1);
        assertThat(schedules.storedVersion(supervisor)).isEqualTo(1);
        assertThat(schedules.bookedStart(core)).isEqualTo(at(0));
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(2));
        // The primary held in memory was moved during the check; the rollback must have dropped it.
        client.post().uri("/api/v1/schedules/{id}/reschedule", core).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue(Map.of("new_time", at(48).toString())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.old_time").isEqualTo(at(0).toString());
        assertThat(schedules.bookedStart(supervisor)).isEqualTo(at(50));
    }

    @Test
    void linksThatCannotBeAreRefusedNamingTheFieldAndRule() {
        String calendar = schedules.createCalendar(20, "allow");
        String core = schedules.schedule("core", calendar, at(0));
        String supervisor = schedules.schedule("supervisor", calendar, at(2));
        String other = schedules.schedule("other", calendar, at(4));
        String cancelled = schedules.schedule("cancelled", calendar, at(6));
        schedules.cancel(cancelled).expectStatus().isOk();
        String dependent = schedules.schedule("dependent", calendar, at(8), supervisor);

        expectRefusal(schedules.link(core, core, null), HttpStatus.BAD_REQUEST, "follower_id", "not_self");
        expectRefusal(schedules.link(core, "nobody-" + UUID.randomUUID(), null), HttpStatus.UNPROCESSABLE_CONTENT, "follower_id", "exists");
        expectRefusal(schedules.link("nobody-" + UUID.randomUUID(), core, null), HttpStatus.NOT_FOUND, "id", "exists");
        expectRefusal(schedules.link(core, cancelled, null), HttpStatus.CONFLICT, "follower_id", "cancelled");
        expectRefusal(schedules.link(cancelled, core, null), HttpStatus.CONFLICT, "id", "cancelled");
        expectRefusal(schedules.link(core, supervisor, "2h30"), HttpStatus.BAD_REQUEST, "offset", "pattern");
        expectRefusal(schedules.link(core, supervisor, "721h"), HttpStatus.BAD_REQUEST, "offset", "range");
        expectRefusal(schedules.link(core, supervisor, "-720h"), HttpStatus.BAD_REQUEST, "offset", "SCH-004");
        // The dependent depends on the supervisor: following it would make each move the other first.
        expectRefusal(schedules.link(dependent, supervisor, null), HttpStatus.CONFLICT, "follower_id", "cycle");

        schedules.link(core, supervisor, null).expectStatus().isOk();
        expectRefusal(schedules.link(other, supervisor, null), HttpStatus.CONFLICT, "follower_id", "linked");
        expectRefusal(schedules.link(supervisor, other, null), HttpStatus.CONFLICT, "id", "nested_link");
        expectRefusal(schedules.link(other, core, null), HttpStatus.CONFLICT, "follower_id", "nested_link");
        client.post().uri("/api/v1/schedules/{id}/links", core).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue(Map.of("follower_id", other)).exchange()
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        for (int i = 0; i < 9; i++) {
            schedules.link(core, schedules.schedule("extra" + i, calendar, at(10 + i)), null).expectStatus().isOk();
        }
        expectRefusal(schedules.link(core, other, null), HttpStatus.CONFLICT, "follower_id", "max_followers");
        assertThat(schedules.storedVersion(other)).isEqualTo(0);
    }

    @Test
    void aRepeatedLinkWithItsIdempotencyKeyIsAnsweredAgainAndAppliedOnce() {
        String calendar = schedules.createCalendar(5, "allow");
        String core = schedules.schedule("core", calendar, at(0));
        String supervisor = schedules.schedule("supervisor", calendar, at(2));
        String key = UUID.randomUUID().toString();
        Supplier<WebTestClient.ResponseSpec> link = () -> client.post().uri("/api/v1/schedules/{id}/links", core)
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .bodyValue(Map.of("follower_id", supervisor, "offset", "1h")).exchange();

        link.get().expectStatus().isOk().expectBody().jsonPath("$.changed").isEqualTo(true);
        link.get().expectStatus().isOk().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.changed").isEqualTo(true);
        assertThat(schedules.storedVersion(supervisor)).isEqualTo(2);
    }

    private static void expectRefusal(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    /**
     * Each round, a move of the primary races a direct change of its follower: an attachment, a
     * confirmation, a move of its own (refused: it is linked), an unlink, or another move of the
     * primary. Whatever wins, the event store shows every move of the primary with its follower's
     * move by the same amount, stored in the same transaction, as long as the follower follows it;
     * and no move of the follower that its primary did not make.
     */
    @Test
    void racingRequestsNeverMoveOnePartOfAPair() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String coreCalendar = schedules.createCalendar(50, "block");
            String supervisorCalendar = schedules.createCalendar(50, "block");
            List<String> racers = List.of("attachment", "confirm", "direct move", "unlink", "primary move");
            for (int number = 0; number < 30; number++) {
                int round = number;
                String core = schedules.schedule("core", coreCalendar, at(round));
                String supervisor = schedules.schedule("supervisor", supervisorCalendar, at(round + 2));
                schedules.link(core, supervisor, null).expectStatus().isOk();
                String racer = racers.get(round % racers.size());
                Instant target = at(100 + round);
                List<HttpStatus> statuses = race(pool, () -> status(schedules.reschedule(core, target, false)),
                        () -> status(switch (racer) {
                            case "attachment" -> client.post().uri("/api/v1/schedules/{id}/attachments", supervisor)
                                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "rota.pdf",
                                            "media_type", "application/pdf", "size_bytes", 1200, "storage_key", "rota/" + round))
                                    .exchange();
                            case "confirm" -> client.post().uri("/api/v1/schedules/{id}/confirm", supervisor).exchange();
                            case "direct move" -> schedules.reschedule(supervisor, at(200 + round), false);
                            case "unlink" -> client.delete().uri("/api/v1/schedules/{id}/links/{followerId}", core, supervisor).exchange();
                            default -> schedules.reschedule(core, at(300 + round), false);
                        }));

                assertThat(statuses.get(0)).as("round %d against %s: %s", round, racer, statuses)
                        .isIn(HttpStatus.OK, HttpStatus.CONFLICT);
                assertThat(statuses.get(1)).as("round %d against %s: %s", round, racer, statuses)
                        .isIn(racer.equals("direct move") ? List.of(HttpStatus.CONFLICT)
                                : racer.equals("attachment") ? List.of(HttpStatus.CREATED, HttpStatus.CONFLICT)
                                : List.of(HttpStatus.OK, HttpStatus.CONFLICT));
                assertPairMovedTogether(core, supervisor, "round " + round + " against " + racer);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Walks the primary's history: every move it made of itself while the follower followed it is
     * matched by one move of the follower by the same amount, with the same correlation and in the
     * same PostgreSQL transaction; a move after the unlink has none; and the follower has no move
     * but those. While linked, the follower still starts its offset after the primary.
     */
    private void assertPairMovedTogether(String core, String supervisor, String round) {
        Map<String, Stored> followerMoves = schedules.movesByRequest(supervisor, ItemRescheduled.class);
        boolean linked = false;
        int matched = 0;
        for (Stored stored : schedules.history(core)) {
            if (stored.payload() instanceof ItemLinked) {
                linked = true;
            } else if (stored.payload() instanceof ItemUnlinked) {
                linked = false;
            } else if (stored.payload() instanceof ItemRescheduled primary) {
                Stored followerMove = followerMoves.get(stored.correlationId());
                if (!linked) {
                    assertThat(followerMove).as("%s: no follower move after the unlink", round).isNull();
                    continue;
                }
                assertThat(followerMove).as("%s: the follower's move with the primary's move %s", round, stored.correlationId())
                        .isNotNull();
                ItemRescheduled follower = (ItemRescheduled) followerMove.payload();
                assertThat(follower.alongWith()).isEqualTo(ItemId.of(core));
                assertThat(Duration.between(follower.previousStart(), follower.start()))
                        .isEqualTo(Duration.between(primary.previousStart(), primary.start()));
                assertThat(followerMove.transaction()).as("%s: one transaction", round).isEqualTo(stored.transaction());
                matched++;
            }
        }
        assertThat(followerMoves).as("%s: the follower moved only with its primary", round).hasSize(matched);
        if (linked) {
            assertThat(Duration.between(schedules.bookedStart(core), schedules.bookedStart(supervisor))).as(round)
                    .isEqualTo(Duration.ofHours(2));
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
