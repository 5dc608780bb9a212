package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicReader;

/** Issue 8's resources, and the items and rules that book them, through HTTP, the event store and the relay to the embedded broker. */
@CommandServiceIntegrationTest
class ResourcesIT {

    private static final Instant MONDAY = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

    private static TopicReader calendars;
    private static TopicReader schedule;
    private static TopicReader rules;

    @BeforeAll
    static void readers() {
        calendars = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.CALENDARS);
        schedule = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.SCHEDULE);
        rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES);
    }

    @AfterAll
    static void closeReaders() {
        calendars.close();
        schedule.close();
        rules.close();
    }

    @Autowired
    WebTestClient client;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aResourcesLifeReachesKafkaKeyedByItsIdAndAnOverlapIsRefusedNamingTheRangeInTheWay() {
        String id = "res-" + UUID.randomUUID();
        post("/api/v1/resources", Map.of("id", id, "name", "Ceiling projector", "type", "equipment", "timezone", "America/New_York"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().valueEquals("Location", "/api/v1/resources/" + id)
                .expectHeader().exists("Almanac-Consistency-Token")
                .expectBody().jsonPath("$.type").isEqualTo("equipment").jsonPath("$.version").isEqualTo(0);
        post("/api/v1/resources", Map.of("id", id, "name", "Ceiling projector", "type", "equipment", "timezone", "America/New_York"))
                .expectStatus().isOk();
        post("/api/v1/resources", Map.of("id", id, "name", "Another projector", "type", "equipment", "timezone", "UTC"))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("unique");

        String path = "/api/v1/resources/" + id + "/availability/";
        post(path + "mark-unavailable", range(0, 72, "Sent for repair"))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.availability").isEqualTo("unavailable");
        post(path + "mark-unavailable", range(48, 96, "Conference"))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("start")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-031")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("from " + at(0) + " to " + at(72) + " (Sent for repair)"));
        client.post().uri(path + "mark-available").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue(range(24, 48, null)).exchange()
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        client.post().uri(path + "mark-available").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .header("Idempotency-Key", "free-" + id).bodyValue(range(24, 48, null)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");
        client.post().uri(path + "mark-available").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .header("Idempotency-Key", "free-" + id).bodyValue(range(24, 48, null)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        post(path + "mark-available", range(100, 120, null))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");

        List<ConsumerRecord<String, byte[]>> records = calendars.awaitRecords(TopicReader.keyed(id), 3);
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "dev.almanac.resource.ResourceCreated.v1", "dev.almanac.resource.ResourceMarkedUnavailable.v1",
                "dev.almanac.resource.ResourceMarkedAvailable.v1");
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.SUBJECT)).containsOnly(id);
        ResourceId resource = ResourceId.of(id);
        assertThat(records).extracting(record -> codec.fromRecord(record).event()).containsExactly(
                new ResourceCreated(resource, "Ceiling projector", ResourceType.EQUIPMENT, ZoneId.of("America/New_York"), null),
                new ResourceMarkedUnavailable(resource, at(0), at(72), "Sent for repair"),
                new ResourceMarkedAvailable(resource, at(24), at(48), List.of(new UnavailableRange(at(24), at(48), "Sent for repair")), null));
    }

    @Test
    void aMarkingIsRefusedNamingWhatIsWrongWithIt() {
        String id = createResource("staff");
        String path = "/api/v1/resources/" + id + "/availability/mark-unavailable";

        post(path, range(5, 5, null))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("end").jsonPath("$.errors[0].rule").isEqualTo("after_start");
        post(path, Map.of("start", at(0).toString()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("end").jsonPath("$.errors[0].rule").isEqualTo("required");
        post("/api/v1/resources/res-" + UUID.randomUUID() + "/availability/mark-unavailable", range(0, 1, null))
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("exists");
        post("/api/v1/resources", Map.of("name", "Somewhere", "type", "room", "timezone", "UTC"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("type");
        post("/api/v1/resources", Map.of("name", "Somewhere", "type", "venue", "timezone", "EST"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("iana_zone");
    }

    /** Resources have their own namespace in the event store: a calendar and a resource may share an id. */
    @Test
    void aCalendarAndAResourceMayShareAnId() {
        String id = "shared-" + UUID.randomUUID();
        post("/api/v1/calendars", Map.of("id", id, "name", "Hall", "type", "venue", "timezone", "UTC", "capacity", 1))
                .expectStatus().isCreated();
        post("/api/v1/resources", Map.of("id", id, "name", "Hall", "type", "venue", "timezone", "UTC"))
                .expectStatus().isCreated();
    }

    @Test
    void anItemBooksResourcesThatExistEachOnceAndABookingOverAnUnavailableRangeIsAccepted() {
        String calendar = "cal-" + UUID.randomUUID();
        post("/api/v1/calendars", Map.of("id", calendar, "name", "Hall", "type", "venue", "timezone", "UTC", "capacity", 5,
                "overbooking_policy", "allow")).expectStatus().isCreated();
        String venue = createResource("venue");
        String staff = createResource("staff");
        post("/api/v1/resources/" + venue + "/availability/mark-unavailable", range(0, 24, "Cleaning")).expectStatus().isOk();
        String unknown = "res-" + UUID.randomUUID();

        post("/api/v1/schedules", item("item-" + UUID.randomUUID(), calendar,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", unknown, "role", "secondary"))))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("resources[1].resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
        post("/api/v1/schedules", item("item-" + UUID.randomUUID(), calendar,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", venue, "role", "secondary"))))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("resources[1].resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("unique");
        post("/api/v1/schedules", item("item-" + UUID.randomUUID(), calendar, List.of(Map.of("resource_id", "bad id"))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resources[0].resource_id");
        post("/api/v1/schedules", item("item-" + UUID.randomUUID(), calendar, List.of(Map.of("resource_id", venue, "role", "chief"))))
                .expectStatus().isBadRequest();

        String itemId = "item-" + UUID.randomUUID();
        post("/api/v1/schedules", item(itemId, calendar,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", staff, "role", "secondary"))))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.resources[0].resource_id").isEqualTo(venue)
                .jsonPath("$.resources[0].role").isEqualTo("primary")
                .jsonPath("$.resources[1].role").isEqualTo("secondary")
                .jsonPath("$.metadata.cost_center").isEqualTo("FIN-204")
                .jsonPath("$.source").isEqualTo("api");

        // A repeat of the creation is answered as one, whatever the metadata's numbers became in the event store.
        post("/api/v1/schedules", item(itemId, calendar,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", staff, "role", "secondary"))))
                .expectStatus().isOk();

        ConsumerRecord<String, byte[]> record = schedule.awaitRecords(TopicReader.keyed(calendar), 1).get(0);
        ItemScheduled scheduled = (ItemScheduled) codec.fromRecord(record).event();
        assertThat(scheduled.itemId().value()).isEqualTo(itemId);
        assertThat(scheduled.resources()).containsExactly(new ResourceBooking(ResourceId.of(venue), ResourceRole.PRIMARY),
                new ResourceBooking(ResourceId.of(staff), ResourceRole.SECONDARY));
        assertThat(scheduled.metadata()).containsEntry("cost_center", "FIN-204").containsEntry("attendees", 12);
        assertThat(scheduled.source()).isEqualTo(ItemSource.API);
    }

    @Test
    void aRuleBooksResourcesThatExistEachOnceWhenCreatedAndWhenUpdated() {
        String queue = "cal-" + UUID.randomUUID();
        post("/api/v1/calendars", Map.of("id", queue, "name", "Ops", "type", "queue", "timezone", "UTC", "capacity", 5,
                "overbooking_policy", "allow")).expectStatus().isCreated();
        String venue = createResource("venue");
        String staff = createResource("staff");
        String unknown = "res-" + UUID.randomUUID();

        post("/api/v1/schedules/rules", rule(null, queue, List.of(Map.of("resource_id", venue), Map.of("resource_id", unknown))))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("resources[1].resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
        post("/api/v1/schedules/rules", rule(null, queue,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", venue, "role", "secondary"))))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("resources[1].resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("unique");
        post("/api/v1/schedules/rules", rule(null, queue, List.of(Map.of("resource_id", "bad id"))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resources[0].resource_id");
        post("/api/v1/schedules/rules", rule(null, queue, IntStream.range(0, 21)
                .mapToObj(i -> Map.of("resource_id", "res-" + i)).toList()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resources");

        String ruleId = "rule-" + UUID.randomUUID();
        post("/api/v1/schedules/rules", rule(ruleId, queue,
                List.of(Map.of("resource_id", venue), Map.of("resource_id", staff, "role", "secondary"))))
                .expectStatus().isCreated();
        client.put().uri("/api/v1/schedules/rules/" + ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rule(ruleId, queue, List.of(Map.of("resource_id", unknown)))).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resources[0].resource_id");
        client.put().uri("/api/v1/schedules/rules/" + ruleId).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue(rule(ruleId, queue, List.of(Map.of("resource_id", staff)))).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");

        List<ConsumerRecord<String, byte[]>> records = rules.awaitRecords(TopicReader.keyed(ruleId), 2);
        RuleCreated created = (RuleCreated) codec.fromRecord(records.get(0)).event();
        assertThat(created.resources()).containsExactly(new ResourceBooking(ResourceId.of(venue), ResourceRole.PRIMARY),
                new ResourceBooking(ResourceId.of(staff), ResourceRole.SECONDARY));
        RuleUpdated updated = (RuleUpdated) codec.fromRecord(records.get(1)).event();
        assertThat(updated.resources()).containsExactly(new ResourceBooking(ResourceId.of(staff), ResourceRole.PRIMARY));
    }

    private static Map<String, Object> rule(String id, String queue, List<Map<String, String>> resources) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Nightly setup", "cron", "30 2 * * *", "timezone", "UTC",
                "queue", queue, "job_template", Map.of("type", "setup", "estimated_duration", "1h"), "resources", resources));
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    @Test
    void metadataMustBeAnObjectOfAtMostSixteenKibibytes() {
        String calendar = "cal-" + UUID.randomUUID();
        post("/api/v1/calendars", Map.of("id", calendar, "name", "Hall", "type", "venue", "timezone", "UTC", "capacity", 5))
                .expectStatus().isCreated();
        Map<String, Object> body = new HashMap<>(item("item-" + UUID.randomUUID(), calendar, List.of()));

        body.put("metadata", List.of("not", "an", "object"));
        post("/api/v1/schedules", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("metadata");
        body.put("metadata", Map.of("notes", "x".repeat(17_000)));
        post("/api/v1/schedules", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("metadata").jsonPath("$.errors[0].rule").isEqualTo("size");
        body.put("metadata", Map.of("bell", "ring\u0007"));
        post("/api/v1/schedules", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("text");
        body.put("metadata", Map.of("nested", Map.of("a.b", List.of(1, 2.5, "three")), "$odd", true));
        post("/api/v1/schedules", body).expectStatus().isCreated();
    }

    private Map<String, Object> item(String id, String calendar, List<Map<String, String>> resources) {
        return Map.of("id", id, "calendar_id", calendar, "title", "Gala", "type", "event",
                "start", at(2).toString(), "end", at(4).toString(), "timezone", "UTC", "resources", resources,
                "metadata", Map.of("cost_center", "FIN-204", "attendees", 12), "source", "api");
    }

    private String createResource(String type) {
        String id = "res-" + UUID.randomUUID();
        post("/api/v1/resources", Map.of("id", id, "name", "A " + type, "type", type, "timezone", "UTC")).expectStatus().isCreated();
        return id;
    }

    private WebTestClient.ResponseSpec post(String path, Map<String, ?> body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> range(int fromHour, int tillHour, String reason) {
        return reason == null ? Map.of("start", at(fromHour).toString(), "end", at(tillHour).toString())
                : Map.of("start", at(fromHour).toString(), "end", at(tillHour).toString(), "reason", reason);
    }

    private static Instant at(int hours) {
        return MONDAY.plus(hours, ChronoUnit.HOURS);
    }
}
