package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.testing.TopicReader;

/**
 * Seed 003's item API over HTTP (issue 72): PUT of an item's own fields with If-Match, its statuses Tentative and
 * Rescheduling along their transitions, DELETE of an item and of an empty calendar as tombstone events (ADR 0084), and
 * each bad input refused with a problem naming the field and the rule.
 */
@CommandServiceIntegrationTest
class ItemApiIT {

    private static final String USER = "X-Almanac-User";
    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    private ScheduleClient schedules;
    private String calendar;
    private String item;

    @BeforeEach
    void anItem() {
        schedules = new ScheduleClient(client, jdbc, eventStore);
        calendar = schedules.createCalendar(5, "block");
        item = schedules.schedule("review", calendar, NEXT_WEEK);
    }

    private WebTestClient.ResponseSpec put(String id, Map<String, ?> body, String... ifMatch) {
        WebTestClient.RequestBodySpec request = client.put().uri("/api/v1/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch.length > 0) {
            request = request.header("If-Match", ifMatch[0]);
        }
        return request.bodyValue(body).exchange();
    }

    @Test
    void aPutChangesTheFieldsGivenGuardedByIfMatchAndRecordsThemBeforeAndAfter() {
        put(item, Map.of("title", "Quarterly review (room to confirm)", "priority", "high", "tags", List.of("finance", "board"),
                "status", "tentative"), "\"0\"")
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(item, 1).encode())
                .expectBody()
                .jsonPath("$.title").isEqualTo("Quarterly review (room to confirm)")
                .jsonPath("$.type").isEqualTo("shift")
                .jsonPath("$.priority").isEqualTo("high")
                .jsonPath("$.tags[1]").isEqualTo("board")
                .jsonPath("$.status").isEqualTo("tentative")
                .jsonPath("$.start").isEqualTo(NEXT_WEEK.toString())
                .jsonPath("$.version").isEqualTo(1);
        Object updated = schedules.history(item).get(1).payload();
        assertThat(updated).isInstanceOf(ItemUpdated.class);
        assertThat(((ItemUpdated) updated).previous())
                .isEqualTo(new ItemFields("Item review", "shift", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED));
        assertThat(((ItemUpdated) updated).current().status()).isEqualTo(ScheduleStatus.TENTATIVE);

        // A lost update is a 412, and a PUT that changes nothing applies nothing.
        put(item, Map.of("title", "Something else"), "\"0\"").expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        put(item, Map.of("priority", "high")).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        assertThat(schedules.history(item)).hasSize(2);
    }

    @Test
    void statusesMoveAlongSeed003sTransitionsAndARefusedOneNamesTheRule() {
        put(item, Map.of("status", "rescheduling")).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("rescheduling");
        // A move ends the renegotiation: the item is scheduled where it lands.
        schedules.reschedule(item, NEXT_WEEK.plus(2, ChronoUnit.HOURS), false).expectStatus().isOk();
        put(item, Map.of("status", "tentative")).expectStatus().isOk();
        // A tentative item stays tentative where it lands, and is confirmed from there.
        schedules.reschedule(item, NEXT_WEEK.plus(3, ChronoUnit.HOURS), false).expectStatus().isOk();
        client.post().uri("/api/v1/schedules/{id}/confirm", item).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("confirmed");

        expect(put(item, Map.of("status", "tentative")), HttpStatus.CONFLICT, "status", "status_transition");
        expect(put(item, Map.of("status", "cancelled")), HttpStatus.CONFLICT, "status", "status_transition");
        put(item, Map.of("status", "rescheduling")).expectStatus().isOk();
        expect(put(item, Map.of("status", "confirmed")), HttpStatus.CONFLICT, "status", "status_transition");

        schedules.cancel(item).expectStatus().isOk();
        expect(put(item, Map.of("status", "scheduled")), HttpStatus.CONFLICT, "id", "cancelled");
    }

    @Test
    void anItemMayStartTentativeButNoOtherStatusIsGivenAtItsScheduling() {
        Map<String, Object> body = new HashMap<>(Map.of("calendar_id", calendar, "title", "Hold the room", "type", "shift",
                "start", NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString(), "duration", "1h", "timezone", "UTC", "status", "tentative"));
        Map<?, ?> created = client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created.get("status")).isEqualTo("tentative");
        String tentative = created.get("id").toString();
        assertThat(((dev.almanac.events.schedule.ItemScheduled) schedules.history(tentative).get(0).payload()).startsTentative()).isTrue();
        put(tentative, Map.of("status", "scheduled")).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("scheduled");

        body.put("status", "confirmed");
        expect(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                HttpStatus.BAD_REQUEST, "status", "one_of");
    }

    @Test
    void aReadOnlyFieldInAPutIsRefusedNamingItAndHowToChangeItAndNothingIsWritten() {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Moved", "start", NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString()));
        put(item, body).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("start")
                .jsonPath("$.errors[0].rule").isEqualTo("read_only")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("/reschedule"));
        expect(put(item, Map.of("calendar_id", "cal-other")), HttpStatus.BAD_REQUEST, "calendar_id", "read_only");
        expect(put(item, Map.of("version", 4)), HttpStatus.BAD_REQUEST, "version", "read_only");
        expect(put(item, Map.of("owner", "mallory")), HttpStatus.BAD_REQUEST, "owner", "read_only");
        expect(put(item, Map.of("status", "maybe")), HttpStatus.BAD_REQUEST, "status", "format");
        expect(put(item, Map.of("title", " ")), HttpStatus.BAD_REQUEST, "title", "pattern");
        expect(put(item, Map.of("colour", "red")), HttpStatus.BAD_REQUEST, "colour", "unknown_field");
        assertThat(schedules.history(item)).as("nothing was written").hasSize(1);
    }

    @Test
    void aDeletionIsATombstoneThatFreesThePlaceIsRelayedAndEndsEveryCommand() {
        client.delete().uri("/api/v1/schedules/{id}?reason={reason}", item, "Entered twice").header("If-Match", "\"0\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.deleted").isEqualTo(true)
                .jsonPath("$.reason").isEqualTo("Entered twice")
                .jsonPath("$.version").isEqualTo(1);
        assertThat(schedules.history(item).get(1).payload()).isInstanceOf(ItemDeleted.class);
        assertThat(schedules.bookedStart(item)).as("the place is free").isNull();

        expect(client.delete().uri("/api/v1/schedules/{id}", item).exchange(), HttpStatus.NOT_FOUND, "id", "deleted");
        expect(put(item, Map.of("title", "Back")), HttpStatus.NOT_FOUND, "id", "deleted");
        expect(schedules.reschedule(item, NEXT_WEEK.plus(1, ChronoUnit.DAYS), false), HttpStatus.NOT_FOUND, "id", "deleted");
        expect(client.post().uri("/api/v1/schedules/{id}/undo", item).exchange(), HttpStatus.NOT_FOUND, "id", "deleted");
        expect(client.post().uri("/api/v1/schedules/{id}/reminders", item).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("minutes_before", 30)).exchange(), HttpStatus.NOT_FOUND, "id", "deleted");

        try (TopicReader topic = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.SCHEDULE)) {
            String value = new String(topic.awaitRecords(record -> "dev.almanac.schedule.ItemDeleted.v1".equals(TopicReader.header(record, "ce_type"))
                    && item.equals(TopicReader.header(record, "ce_subject")), 1).get(0).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"item_id\":\"" + item + "\"", "\"reason\":\"Entered twice\"");
        }
    }

    @Test
    void anItemLinkedOrDependedOnIsNotDeleted() {
        String follower = schedules.schedule("follower", calendar, NEXT_WEEK.plus(1, ChronoUnit.HOURS));
        schedules.link(item, follower, null).expectStatus().isOk();
        expect(client.delete().uri("/api/v1/schedules/{id}", item).exchange(), HttpStatus.CONFLICT, "id", "linked");

        String setup = schedules.schedule("setup", calendar, NEXT_WEEK.plus(4, ChronoUnit.HOURS));
        schedules.schedule("after", calendar, NEXT_WEEK.plus(6, ChronoUnit.HOURS), setup);
        expect(client.delete().uri("/api/v1/schedules/{id}", setup).exchange(), HttpStatus.CONFLICT, "id", "depended_on");
    }

    @Test
    void aNewItemNamingADeletedItemAsADependencyIsRefusedNamingIt() {
        client.delete().uri("/api/v1/schedules/{id}", item).exchange().expectStatus().isOk();

        expect(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_id", calendar, "title", "After the review", "type", "shift",
                        "start", NEXT_WEEK.plus(2, ChronoUnit.HOURS).toString(), "end", NEXT_WEEK.plus(3, ChronoUnit.HOURS).toString(),
                        "timezone", "UTC", "dependencies", List.of(item))).exchange(),
                HttpStatus.UNPROCESSABLE_CONTENT, "dependencies[0]", "deleted");
    }

    @Test
    void onlyAnEmptyCalendarIsDeletedAndThenItTakesNothing() {
        expect(client.delete().uri("/api/v1/calendars/{id}", calendar).exchange(), HttpStatus.CONFLICT, "id", "not_empty");
        schedules.cancel(item).expectStatus().isOk();

        client.delete().uri("/api/v1/calendars/{id}?reason={reason}", calendar, "The venue closed").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").isEqualTo(true).jsonPath("$.reason").isEqualTo("The venue closed");

        expect(client.put().uri("/api/v1/calendars/{id}", calendar).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Room", "type", "venue", "timezone", "UTC", "capacity", 2)).exchange(),
                HttpStatus.NOT_FOUND, "id", "deleted");
        expect(client.delete().uri("/api/v1/calendars/{id}", calendar).exchange(), HttpStatus.NOT_FOUND, "id", "deleted");
        expect(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_id", calendar, "title", "New", "type", "shift", "start", NEXT_WEEK.toString(),
                        "end", NEXT_WEEK.plus(1, ChronoUnit.HOURS).toString(), "timezone", "UTC")).exchange(),
                HttpStatus.CONFLICT, "calendar_id", "deleted");
        // A cancelled item of a deleted calendar is still deleted, and comes back no more.
        expect(client.post().uri("/api/v1/schedules/{id}/undo", item).exchange(), HttpStatus.CONFLICT, "id", "deleted");
        client.delete().uri("/api/v1/schedules/{id}", item).exchange().expectStatus().isOk();

        try (TopicReader topic = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.CALENDARS)) {
            assertThat(topic.awaitRecords(TopicReader.keyed(calendar), 2)).anySatisfy(record ->
                    assertThat(TopicReader.header(record, "ce_type")).isEqualTo("dev.almanac.calendar." + CalendarDeleted.class.getSimpleName() + ".v1"));
        }
    }

    @Test
    void aDeletionsReasonOverTheLimitIsRefusedNamingIt() {
        expect(client.delete().uri("/api/v1/schedules/{id}?reason={reason}", item, "x".repeat(257)).exchange(),
                HttpStatus.BAD_REQUEST, "reason", "size");
        expect(client.delete().uri("/api/v1/calendars/{id}?reason={reason}", calendar, "x".repeat(257)).exchange(),
                HttpStatus.BAD_REQUEST, "reason", "size");
        expect(client.delete().uri("/api/v1/schedules/{id}", item).header("If-Match", "three").exchange(),
                HttpStatus.BAD_REQUEST, "If-Match", "etag");
    }

    private static void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}
