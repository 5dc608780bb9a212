package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.local.host.HostedService;
import dev.almanac.local.monitoring.MonitoringFiles;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.TopicReader;

/**
 * The whole pipeline as a user runs it: the real embedded Kafka, PostgreSQL and MongoDB, the
 * four services from their executable jars, and the gateway. One command is followed through
 * Kafka to each of the three consumers and out of the query API.
 */
class EndToEndIT {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String api;

    @BeforeAll
    static void startTheStack() {
        stack = TestStack.shared();
        api = stack.gatewayUrl() + "/api/v1";
    }

    @Test
    void aCommandFlowsThroughKafkaToEveryConsumerAndOutOfTheQueryApi() {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(10, 0);
        String first = scheduleItem(calendar, "Quarterly review", start, start.plus(Duration.ofHours(1)));

        // query-service: the item is in the calendar's entries and in the window, whose shape is F033-WINDOW's.
        JsonNode entry = awaitEntry(calendar, first, start);
        assertThat(entry.get("kind").asString()).isEqualTo("item");
        assertThat(OffsetDateTime.parse(entry.get("local_start").asString())).isEqualTo(start.atZone(NEW_YORK).toOffsetDateTime());
        LocalDate day = start.atZone(NEW_YORK).toLocalDate();
        String window = getText("/schedules/window?from=" + day.atStartOfDay(NEW_YORK).toInstant()
                + "&till=" + day.plusDays(2).atStartOfDay(NEW_YORK).toInstant()
                + "&timezone=America/New_York&queue=" + calendar);
        assertThat(JsonSchemas.f033Errors("ScheduleWindow", window)).isEmpty();
        JsonNode buckets = JSON.readTree(window).get("buckets");
        assertThat(buckets.get(0).get("job_count").asInt()).isEqualTo(1);
        assertThat(buckets.get(0).get("queues").get(calendar).asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(buckets.get(0).get("local_time").asString()))
                .isEqualTo(day.atStartOfDay(NEW_YORK).toOffsetDateTime());

        // conflict-detector: an overlapping item on the capacity-1 calendar makes a conflict that query-service shows.
        String second = scheduleItem(calendar, "Board lunch", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
        JsonNode conflict = awaitConflict(calendar, "detected");
        assertThat(StreamSupport.stream(conflict.get("entries").spliterator(), false).map(e -> e.get("entry_id").asString()))
                .containsExactlyInAnyOrder(first, second);
        assertThat(conflict.get("start").asString()).isEqualTo(start.plus(Duration.ofMinutes(30)).toString());
        assertThat(conflict.get("level").asString()).isEqualTo("critical");

        // Rescheduling one away clears it.
        post("/schedules/" + second + "/reschedule", Map.of("new_time", start.plus(Duration.ofHours(3)).toString()), 200);
        assertThat(awaitConflict(calendar, "cleared").get("id").asString()).isEqualTo(conflict.get("id").asString());

        // rule-expander: a recurring rule's occurrences land on the calendar.
        String rule = "rule-" + UUID.randomUUID();
        post("/schedules/rules", Map.of("id", rule, "name", "Morning check", "cron", "0 6 * * *", "timezone", "America/New_York",
                "queue", calendar, "job_template", Map.of("type", "health_check", "estimated_duration", "5m")), 201);
        Instant tomorrowSix = LocalDate.now(NEW_YORK).plusDays(1).atTime(LocalTime.of(6, 0)).atZone(NEW_YORK).toInstant();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode occurrences = entries(calendar, tomorrowSix, tomorrowSix.plus(Duration.ofDays(3)));
            assertThat(StreamSupport.stream(occurrences.spliterator(), false)
                    .filter(e -> rule.equals(e.path("rule_id").asString(null)))
                    .map(e -> Instant.parse(e.get("start").asString())))
                    .containsExactly(tomorrowSix, tomorrowSix.plus(Duration.ofDays(1)), tomorrowSix.plus(Duration.ofDays(2)));
        });
    }

    /** A cancel travels the same path as a move: the conflict clears, the entry leaves the calendar, the item stays readable. */
    @Test
    void cancellingOneSideOfADoubleBookingClearsTheConflictEverywhere() {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(16, 0);
        String kept = scheduleItem(calendar, "Board meeting", start, start.plus(Duration.ofHours(1)));
        String cancelled = scheduleItem(calendar, "Overlapping call", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
        String conflictId = awaitConflict(calendar, "detected").get("id").asString();

        post("/schedules/" + cancelled + "/cancel", Map.of("reason", "moved to next week"), 200);

        assertThat(awaitConflict(calendar, "cleared").get("id").asString()).isEqualTo(conflictId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(getJson("/conflicts?calendar_id=" + calendar + "&status=detected").get("conflicts")).isEmpty();
            assertThat(StreamSupport.stream(entries(calendar, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(3))).spliterator(), false)
                    .map(entry -> entry.get("id").asString()))
                    .containsExactly(kept);
            assertThat(getJson("/schedules/" + cancelled).get("status").asString()).isEqualTo("cancelled");
        });
    }

    /**
     * Issue 72's tombstones end to end (ADR 0084): a PUT makes one side of a double booking tentative, which keeps its place
     * and the conflict; deleting it clears the conflict in conflict-detector, leaves every read of query-service (404 by id,
     * absent from the list and the entries), and frees the place; the emptied calendar is then deleted and answers 404.
     */
    @Test
    void deletingOneSideOfADoubleBookingClearsTheConflictAndTheItemLeavesEveryRead() {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(13, 0);
        String kept = scheduleItem(calendar, "Board meeting", start, start.plus(Duration.ofHours(1)));
        String deleted = scheduleItem(calendar, "Entered twice", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
        String conflictId = awaitConflict(calendar, "detected").get("id").asString();

        HttpResponse<String> put = send("PUT", "/schedules/" + deleted, Map.of("status", "tentative", "tags", List.of("duplicate")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String listed = "/schedules?calendar_id=" + calendar + "&from=" + start.minus(Duration.ofHours(1)) + "&till="
                + start.plus(Duration.ofHours(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(StreamSupport.stream(
                getJson(listed + "&status=tentative&tag=duplicate").get("entries").spliterator(), false)
                .map(entry -> entry.get("id").asString())).containsExactly(deleted));

        HttpResponse<String> removed = send("DELETE", "/schedules/" + deleted + "?reason=duplicate", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);

        assertThat(awaitConflict(calendar, "cleared").get("id").asString()).isEqualTo(conflictId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(send("GET", "/schedules/" + deleted, null).statusCode()).isEqualTo(404);
            assertThat(StreamSupport.stream(getJson(listed).get("entries").spliterator(), false).map(entry -> entry.get("id").asString()))
                    .containsExactly(kept);
            assertThat(StreamSupport.stream(entries(calendar, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(3)))
                    .spliterator(), false).map(entry -> entry.get("id").asString())).containsExactly(kept);
        });

        // A rule's occurrence four months ahead, beyond rule-expander's 90-day horizon, is in the entries and the list.
        String rule = "rule-" + UUID.randomUUID();
        post("/schedules/rules", Map.of("id", rule, "name", "Morning check", "cron", "0 6 * * *", "timezone", "America/New_York",
                "queue", calendar, "job_template", Map.of("type", "health_check", "estimated_duration", "5m")), 201);
        Instant fourMonths = LocalDate.now(NEW_YORK).plusMonths(4).atTime(LocalTime.of(6, 0)).atZone(NEW_YORK).toInstant();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(StreamSupport.stream(entries(calendar, fourMonths, fourMonths.plus(Duration.ofHours(1))).spliterator(), false)
                    .map(entry -> entry.path("rule_id").asString(null))).containsExactly(rule);
            assertThat(StreamSupport.stream(getJson("/schedules?calendar_id=" + calendar + "&from=" + fourMonths + "&till="
                    + fourMonths.plus(Duration.ofHours(1))).get("entries").spliterator(), false)
                    .map(entry -> entry.path("rule_id").asString(null))).containsExactly(rule);
        });

        assertThat(send("DELETE", "/calendars/" + calendar, null).statusCode()).as("it still holds an item").isEqualTo(409);
        post("/schedules/" + kept + "/cancel", Map.of("reason", "venue closes"), 200);
        assertThat(send("DELETE", "/calendars/" + calendar, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send("GET", "/calendars/" + calendar, null).statusCode()).isEqualTo(404));
    }

    /**
     * Issue 71 end to end: the developer's preferences set through the gateway (PUT to command-service, GET from
     * query-service), a double booking they scheduled detected, the notifier's notification listed in their centre, and
     * the deliverer's e-mail in the local mailbox, with the notification's history saying it was sent.
     */
    @Test
    void aConflictOnItemsYouScheduledReachesYourCentreAndTheLocalMailbox() {
        send("PUT", "/notification-preferences", Map.of("zone", "Europe/Berlin", "email", "developer@example.com"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getJson("/notification-preferences").get("email").asString()).isEqualTo("developer@example.com"));
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(11, 0);
        scheduleItem(calendar, "Standup", start, start.plus(Duration.ofHours(1)));
        scheduleItem(calendar, "Overlapping demo", start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(45)));
        awaitConflict(calendar, "detected");

        String[] notification = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode listed : getJson("/notifications?limit=50").get("notifications")) {
                if (listed.toString().contains("\"calendar_id\":\"" + calendar + "\"")) {
                    notification[0] = listed.get("id").asString();
                }
            }
            assertThat(notification[0]).isNotNull();
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> mailbox = HTTP.send(HttpRequest.newBuilder(URI.create(stack.mailboxUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mailbox.body()).contains("developer@example.com").contains("/api/v1/calendars/" + calendar);
            assertThat(getJson("/notifications/" + notification[0]).get("deliveries").toString())
                    .contains("\"outcome\":\"sent\"").contains("\"channel\":\"email\"");
        });
    }

    /**
     * A pair changed through the API says in each event which linked items the same transaction changed, and to
     * which version (ADR 0061). conflict-detector, which would publish an orphaned link at once if the
     * sides disagreed with nothing on its way, waits for the other side instead: linked with a move to the offset,
     * moved three times and unlinked, the pair is never an orphaned link, on either calendar, in any status.
     */
    @Test
    void aPairLinkedMovedAndUnlinkedThroughTheApiIsNeverAnOrphanedLink() {
        String core = createCalendar(1);
        String supervisors = createCalendar(1);
        Instant start = nextWeekAt(8, 0);
        String primary = scheduleItem(core, "Core visit", start, start.plus(Duration.ofHours(2)));
        String follower = scheduleItem(supervisors, "Supervisor visit", start.plus(Duration.ofHours(5)), start.plus(Duration.ofHours(6)));

        post("/schedules/" + primary + "/links", Map.of("follower_id", follower, "offset", "2h"), 200);
        for (int hours = 1; hours <= 3; hours++) {
            post("/schedules/" + primary + "/reschedule", Map.of("new_time", start.plus(Duration.ofHours(hours)).toString()), 200);
        }
        Instant followerStart = start.plus(Duration.ofHours(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(awaitEntry(supervisors, follower, followerStart)
                .get("start").asString()).as("the follower moved with its primary").isEqualTo(followerStart.toString()));
        assertThat(send("DELETE", "/schedules/" + primary + "/links/" + follower, null).statusCode()).isEqualTo(200);

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String calendar : List.of(core, supervisors)) {
                assertThat(StreamSupport.stream(getJson("/conflicts?calendar_id=" + calendar).get("conflicts").spliterator(), false)
                        .map(conflict -> conflict.get("type").asString()))
                        .as("conflicts ever recorded on %s", calendar).doesNotContain("orphaned_link");
            }
        });
    }

    /**
     * A read that passes a command's consistency token either shows that command's write and says
     * fresh, or says stale: whatever the projection's lag, it never shows older data unflagged.
     */
    @Test
    void aReadWithTheCommandsConsistencyTokenShowsTheWriteOrSaysItIsStale() {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(11, 0);
        String id = "item-" + UUID.randomUUID();
        HttpResponse<String> scheduled = send("POST", "/schedules", Map.of("id", id, "calendar_id", calendar, "title", "Fresh",
                "type", "meeting", "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(),
                "timezone", "America/New_York"));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        HttpResponse<String> moved = send("POST", "/schedules/" + id + "/reschedule",
                Map.of("new_time", start.plus(Duration.ofHours(2)).toString()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String token = moved.headers().firstValue("Almanac-Consistency-Token").orElseThrow();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> read = send("GET", "/schedules/" + id + "?consistency_token=" + token, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            String freshness = read.headers().firstValue("Almanac-Consistency").orElseThrow();
            if (freshness.equals("stale")) {
                return false;
            }
            assertThat(freshness).isEqualTo("fresh");
            assertThat(JSON.readTree(read.body()).get("start").asString()).isEqualTo(start.plus(Duration.ofHours(2)).toString());
            return true;
        });
        HttpResponse<String> day = send("GET", "/schedules/detailed?date=" + start.atZone(NEW_YORK).toLocalDate()
                + "&timezone=America/New_York&queue=" + calendar + "&consistency_token=" + token, null);
        assertThat(day.statusCode()).as(day.body()).isEqualTo(200);
        assertThat(day.headers().firstValue("Almanac-Consistency")).contains("fresh");
        assertThat(OffsetDateTime.parse(JSON.readTree(day.body()).get("jobs").get(0).get("scheduled_at").asString()))
                .isEqualTo(start.plus(Duration.ofHours(2)).atZone(NEW_YORK).toOffsetDateTime());
    }

    /**
     * A resource created, marked unavailable and booked by an item, all through the gateway: its
     * availability answers both, and tells nothing of the item; the item's own view names the resource.
     * Then a rule's occurrences book it too: the double booking with the item is a conflict, and
     * pausing the rule (which retracts its occurrences) clears it.
     */
    @Test
    void aResourceMarkedUnavailableAndBookedShowsBothInItsAvailabilityButNothingOfTheItem() {
        String calendar = createCalendar(1);
        String resource = "res-" + UUID.randomUUID();
        post("/resources", Map.of("id", resource, "name", "Projector", "type", "equipment", "timezone", "America/New_York"), 201);
        Instant start = nextWeekAt(9, 0);
        post("/resources/" + resource + "/availability/mark-unavailable", Map.of("start", start.plus(Duration.ofHours(4)).toString(),
                "end", start.plus(Duration.ofHours(6)).toString(), "reason", "Repair"), 200);
        String item = "item-" + UUID.randomUUID();
        HttpResponse<String> scheduled = send("POST", "/schedules", Map.of("id", item, "calendar_id", calendar, "title", "Secret board meeting",
                "type", "meeting", "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "timezone", "America/New_York",
                "resources", List.of(Map.of("resource_id", resource, "role", "secondary"))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String token = scheduled.headers().firstValue("Almanac-Consistency-Token").orElseThrow();

        JsonNode view = getJson("/schedules/" + item + "?consistency_token=" + token);
        assertThat(view.get("resources").get(0).get("resource_id").asString()).isEqualTo(resource);
        assertThat(view.get("resources").get(0).get("role").asString()).isEqualTo("secondary");
        String range = "?from=" + start + "&till=" + start.plus(Duration.ofHours(8)) + "&buffer=0m";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String availability = getText("/resources/" + resource + "/availability" + range);
            JsonNode answer = JSON.readTree(availability);
            assertThat(answer.get("status").asString()).isEqualTo("unavailable");
            assertThat(answer.get("busy").get(0).get("end").asString()).isEqualTo(start.plus(Duration.ofHours(1)).toString());
            assertThat(answer.get("unavailable").get(0).get("reason").asString()).isEqualTo("Repair");
            assertThat(availability).doesNotContain(item).doesNotContain("Secret");
        });
        JsonNode slots = getJson("/resources/" + resource + "/availability/slots" + range + "&increment=1h");
        assertThat(StreamSupport.stream(slots.get("slots").spliterator(), false).map(slot -> Instant.parse(slot.get("start").asString())))
                .containsExactly(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)),
                        start.plus(Duration.ofHours(6)), start.plus(Duration.ofHours(7)));
        HttpResponse<String> checked = send("POST", "/resources/availability/check-multiple", Map.of("resource_ids",
                List.of(resource, "res-nowhere"), "from", start.plus(Duration.ofHours(2)).toString(),
                "till", start.plus(Duration.ofHours(3)).toString()));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        JsonNode answers = JSON.readTree(checked.body()).get("resources");
        assertThat(answers.get(0).get("status").asString()).isEqualTo("available");
        assertThat(answers.get(1).get("status").asString()).isEqualTo("unknown");

        // ADR 0029: a rule on another calendar books the resource at 09:30 every day, double-booking it with the item.
        String rule = "rule-" + UUID.randomUUID();
        post("/schedules/rules", Map.of("id", rule, "name", "Daily demo", "cron", "30 9 * * *", "timezone", "America/New_York",
                "queue", createCalendar(1), "job_template", Map.of("type", "meeting", "estimated_duration", "1h"),
                "resources", List.of(Map.of("resource_id", resource))), 201);
        JsonNode conflict = awaitResourceConflict(resource, "detected");
        assertThat(StreamSupport.stream(conflict.get("bookings").spliterator(), false).map(booking -> booking.get("kind").asString()))
                .containsExactlyInAnyOrder("item", "occurrence");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(getText("/resources/" + resource
                + "/availability?from=" + start.plus(Duration.ofMinutes(60)) + "&till=" + start.plus(Duration.ofMinutes(80))
                + "&buffer=0m")).get("status").asString()).as("after the item, 09:00 to 10:00, the occurrence, 09:30 to 10:30, books it").isEqualTo("busy"));

        post("/schedules/rules/" + rule + "/pause", Map.of("reason", "Projector needed elsewhere"), 200);
        assertThat(awaitResourceConflict(resource, "cleared").get("id").asString()).isEqualTo(conflict.get("id").asString());
    }

    /**
     * A rule's occurrence double-books an item. Pausing the rule retracts the occurrence: the conflict
     * clears, the entry leaves the calendar and the window, and stays readable as cancelled. Resuming
     * brings the occurrence back under the same id, and with it the conflict.
     */
    @Test
    void pausingARuleRetractsItsOccurrenceAndClearsTheConflictAndResumingBringsItBack() {
        String calendar = createCalendar(1);
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(2);
        Instant sixteen = day.atTime(LocalTime.of(16, 0)).atZone(NEW_YORK).toInstant();
        String item = scheduleItem(calendar, "Client call", sixteen.plus(Duration.ofMinutes(30)), sixteen.plus(Duration.ofMinutes(90)));
        String rule = "rule-" + UUID.randomUUID();
        post("/schedules/rules", Map.of("id", rule, "name", "Afternoon sync", "cron", "0 16 * * *", "timezone", "America/New_York",
                "queue", calendar, "job_template", Map.of("type", "meeting", "estimated_duration", "1h")), 201);
        JsonNode occurrence = awaitEntryOf(calendar, rule, sixteen);
        String occurrenceId = occurrence.get("id").asString();
        assertThat(occurrence.get("start").asString()).isEqualTo(sixteen.toString());
        String conflictId = awaitConflict(calendar, "detected").get("id").asString();
        assertThat(jobsOn(calendar, day)).isEqualTo(2);

        HttpResponse<String> paused = send("POST", "/schedules/rules/" + rule + "/pause", Map.of("reason", "Team offsite"));
        assertThat(paused.statusCode()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).get("status").asString()).isEqualTo("paused");

        assertThat(awaitConflict(calendar, "cleared").get("id").asString()).isEqualTo(conflictId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(getJson("/conflicts?calendar_id=" + calendar + "&status=detected").get("conflicts")).isEmpty();
            assertThat(StreamSupport.stream(entries(calendar, sixteen.minus(Duration.ofHours(1)), sixteen.plus(Duration.ofHours(3)))
                    .spliterator(), false).map(entry -> entry.get("id").asString())).containsExactly(item);
            assertThat(jobsOn(calendar, day)).isEqualTo(1);
            JsonNode retracted = getJson("/schedules/" + occurrenceId);
            assertThat(retracted.get("status").asString()).isEqualTo("cancelled");
            assertThat(retracted.get("cancel_reason").asString()).isEqualTo("rule_paused");
            assertThat(getJson("/schedules/rules/" + rule).get("status").asString()).isEqualTo("paused");
        });

        post("/schedules/rules/" + rule + "/resume", null, 200);

        assertThat(awaitEntryOf(calendar, rule, sixteen).get("id").asString()).isEqualTo(occurrenceId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode conflicts = getJson("/conflicts?calendar_id=" + calendar + "&status=detected").get("conflicts");
            assertThat(conflicts).hasSize(1);
            assertThat(StreamSupport.stream(conflicts.get(0).get("entries").spliterator(), false).map(e -> e.get("entry_id").asString()))
                    .containsExactlyInAnyOrder(item, occurrenceId);
            assertThat(jobsOn(calendar, day)).isEqualTo(2);
            assertThat(getJson("/schedules/" + occurrenceId).get("status").asString()).isEqualTo("scheduled");
            assertThat(getJson("/schedules/rules/" + rule).get("status").asString()).isEqualTo("active");
        });
    }

    /** The stack's processes, as its start banner counts their memory: the services, and PostgreSQL though pg_ctl detaches it. */
    @Test
    void theStacksProcessesAreTheServicesAndPostgresqlEachOnce() {
        List<ProcessHandle> processes = stack.processes();
        ProcessHandle postgres = stack.infrastructure().postgresProcess().orElseThrow();
        Predicate<ProcessHandle> ofPostgres = process -> process.equals(postgres) || process.parent().filter(postgres::equals).isPresent();

        assertThat(processes).doesNotHaveDuplicates().contains(ProcessHandle.current(), postgres);
        assertThat(processes).as("PostgreSQL's connections and workers")
                .anySatisfy(process -> assertThat(process.parent()).contains(postgres));
        for (Service service : Service.values()) {
            assertThat(processes).as(service.serviceName()).anySatisfy(process ->
                    assertThat(process.info().commandLine().orElse("")).contains(service.serviceName() + ".jar"));
        }
        assertThat(Footprint.residentMebibytes(processes))
                .isGreaterThan(Footprint.residentMebibytes(processes.stream().filter(ofPostgres.negate()).toList()));
    }

    /**
     * Each service is told to stop with its launcher (ExitWithParent), so a launcher killed outright leaves none behind:
     * in a process of its own by its environment, in the services host by the variables the host hands it (ADR 0099).
     */
    @Test
    void everyServiceIsToldToStopWithItsLauncher() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a process's environment is read from Linux's /proc");
        for (Service service : Service.values()) {
            List<ProcessHandle> running = stack.processes().stream()
                    .filter(process -> process.info().commandLine().orElse("").matches(".*/" + service.serviceName() + "\\.jar.*"))
                    .toList();
            assertThat(running).as(service.serviceName()).hasSize(1);
            List<String> environment = List.of(Files.readString(Path.of("/proc", Long.toString(running.get(0).pid()), "environ")).split("\u0000"));
            assertThat(environment).as(service.serviceName()).containsAnyOf("ALMANAC_EXIT_WITH_PARENT=true",
                    HostedService.hostVariable(service.serviceName(), "ALMANAC_EXIT_WITH_PARENT") + "=true");
        }
    }

    /** Every port of the stack answers on loopback and on no other address of this machine. */
    @Test
    void listensOnLoopbackOnly() throws Exception {
        List<InetAddress> elsewhere = NetworkInterface.networkInterfaces()
                .filter(network -> !isLoopback(network))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .toList();
        Assumptions.assumeFalse(elsewhere.isEmpty(), "this machine has no address besides loopback");
        List<Integer> ports = new ArrayList<>(List.of(URI.create(stack.gatewayUrl()).getPort()));
        stack.serviceUrls().values().forEach(url -> ports.add(URI.create(url).getPort()));
        ports.add(Integer.parseInt(stack.infrastructure().kafkaBootstrapServers().replaceAll(".*:", "")));
        ports.add(URI.create(stack.infrastructure().mongoConnectionString()).getPort());
        ports.add(URI.create(stack.infrastructure().readModelMongoConnectionString()).getPort());
        ports.add(URI.create(stack.infrastructure().postgresJdbcUrl().substring("jdbc:".length())).getPort());

        for (int port : ports) {
            assertThat(accepts(InetAddress.getLoopbackAddress(), port)).as("port %d on loopback", port).isTrue();
            for (InetAddress address : elsewhere) {
                assertThat(accepts(address, port)).as("port %d on %s", port, address).isFalse();
            }
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void aRedeliveredEventCreatesNoDuplicateAnywhere() throws Exception {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(14, 0);
        String item = scheduleItem(calendar, "Planning", start, start.plus(Duration.ofHours(1)));
        scheduleItem(calendar, "Overlap", start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(45)));
        String conflictId = awaitConflict(calendar, "detected").get("id").asString();

        String kafka = stack.infrastructure().kafkaBootstrapServers();
        try (TopicReader schedule = new TopicReader(kafka, Topics.SCHEDULE);
             TopicReader conflicts = new TopicReader(kafka, Topics.CONFLICTS);
             var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                     new StringSerializer(), new ByteArraySerializer())) {
            ConsumerRecord<String, byte[]> original = schedule.awaitRecords(
                    record -> item.equals(TopicReader.header(record, CloudEventHeaders.SUBJECT)), 1).get(0);
            int conflictEventsBefore = conflicts.awaitRecords(
                    record -> conflictId.equals(TopicReader.header(record, CloudEventHeaders.SUBJECT)), 1).size();

            // The same record again, as a relay retry or a consumer rebalance would deliver it.
            producer.send(new ProducerRecord<>(original.topic(), null, original.key(), original.value(), original.headers())).get();

            // A marker behind it on the same partition (same calendar key): once the consumers show the marker's
            // effects, they have processed the duplicate.
            String markerA = scheduleItem(calendar, "Marker A", start.plus(Duration.ofHours(5)), start.plus(Duration.ofHours(6)));
            String markerB = scheduleItem(calendar, "Marker B", start.plus(Duration.ofHours(5)), start.plus(Duration.ofHours(6)));
            awaitEntry(calendar, markerB, start.plus(Duration.ofHours(5)));
            conflicts.awaitRecords(record -> TopicReader.header(record, CloudEventHeaders.TYPE).endsWith("ConflictDetected.v1")
                    && new String(record.value()).contains(markerB), 1);

            JsonNode entries = entries(calendar, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(7)));
            assertThat(StreamSupport.stream(entries.spliterator(), false).filter(e -> item.equals(e.get("id").asString())))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("version").asLong()).isZero());
            assertThat(StreamSupport.stream(entries.spliterator(), false).map(e -> e.get("id").asString()))
                    .doesNotHaveDuplicates()
                    .contains(markerA, markerB);
            assertThat(conflicts.awaitRecords(record -> conflictId.equals(TopicReader.header(record, CloudEventHeaders.SUBJECT)), 1))
                    .hasSize(conflictEventsBefore);
            // query-service reads committed records only, so it sees the marker's conflict once
            // conflict-detector's transaction commits, a little after this test's reader did.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(getJson("/conflicts?calendar_id=" + calendar + "&status=detected").get("conflicts")).hasSize(2));
        }
    }

    /**
     * The Location of a created item and of a created rule, each with an id command-service chose,
     * answers 200 through the gateway once query-service has projected the creation: it used to be
     * a 404 for ever, because nothing served those paths.
     */
    @Test
    void theLocationOfACreatedItemAndOfACreatedRuleAnswersThroughTheGateway() {
        String calendar = createCalendar(10);
        Instant start = nextWeekAt(9, 0);
        HttpResponse<String> item = send("POST", "/schedules", Map.of("calendar_id", calendar, "title", "Located", "type", "meeting",
                "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "timezone", "America/New_York"));
        HttpResponse<String> rule = send("POST", "/schedules/rules", Map.of("name", "Located rule", "cron", "0 7 * * *",
                "timezone", "America/New_York", "queue", calendar, "job_template", Map.of("type", "health_check")));
        assertThat(item.statusCode()).as("POST /schedules: %s", item.body()).isEqualTo(201);
        assertThat(rule.statusCode()).as("POST /schedules/rules: %s", rule.body()).isEqualTo(201);

        for (HttpResponse<String> created : List.of(item, rule)) {
            String location = created.headers().firstValue("Location").orElseThrow();
            URI target = URI.create(stack.gatewayUrl()).resolve(location);
            String id = location.substring(location.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as("GET %s: %s", target, read.body()).isEqualTo(200);
                assertThat(JSON.readTree(read.body()).get("id").asString()).isEqualTo(id);
            });
        }
    }

    /**
     * Every metric the Grafana dashboards and Prometheus rules under deploy/ read is on the
     * /actuator/prometheus of the service (or the gateway) it is read from, once the stack has served
     * a command and a read and its consumers have handled the events (HTTP and consumer meters appear
     * only then).
     */
    @Test
    void everyMetricTheDashboardsAndAlertsReadIsScraped() {
        String calendar = createCalendar(1);
        Instant start = nextWeekAt(13, 0);
        awaitEntry(calendar, scheduleItem(calendar, "Scraped", start, start.plus(Duration.ofHours(1))), start);
        MonitoringFiles monitoring = MonitoringFiles.ofThisCheckout();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(monitoring.missingFrom(
                MonitoringFiles.byScrapeTarget(service -> scrapedMetricNames(stack.serviceUrls().get(service)),
                        () -> scrapedMetricNames(stack.gatewayUrl())))).isEmpty());
    }

    /** A Kafka topic's series comes once: not again under the deprecated name with its periods replaced by underscores. */
    @Test
    void noServiceReportsAKafkaTopicsSeriesTwice() {
        Set<String> named = new TreeSet<>();
        for (Map.Entry<Service, String> service : stack.serviceUrls().entrySet()) {
            Matcher topics = Pattern.compile("topic=\"([^\"]*)\"").matcher(getScrape(service.getValue()));
            while (topics.find()) {
                named.add(service.getKey().serviceName() + ": " + topics.group(1));
            }
        }
        assertThat(named).isNotEmpty().allSatisfy(topic -> assertThat(topic).doesNotContain("_"));
    }

    private static Set<String> scrapedMetricNames(String baseUrl) {
        return MonitoringFiles.metricNames(getScrape(baseUrl));
    }

    private static String getScrape(String baseUrl) {
        URI scrape = URI.create(baseUrl + "/actuator/prometheus");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(scrape).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", scrape).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + scrape + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + scrape + " interrupted", e);
        }
    }

    /** Swagger UI at the gateway lists every service's OpenAPI document, and each one it lists is served through the gateway. */
    @Test
    void swaggerUiAtTheGatewayListsEveryServicesOpenApiDocument() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/swagger-ui/"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"swagger-ui\">", "swagger-initializer.js");

        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/swagger-ui/swagger-config.json"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode urls = JSON.readTree(config.body()).get("urls");
        assertThat(StreamSupport.stream(urls.spliterator(), false).map(url -> url.get("name").asString()))
                .containsExactlyInAnyOrder("command-service", "query-service", "conflict-detector", "rule-expander");
        for (JsonNode url : urls) {
            URI document = URI.create(stack.gatewayUrl()).resolve(url.get("url").asString());
            HttpResponse<String> openApi = HTTP.send(HttpRequest.newBuilder(document).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openApi.statusCode()).as("GET %s", document).isEqualTo(200);
            assertThat(JSON.readTree(openApi.body()).get("openapi").asString()).as("%s's document", url.get("name").asString())
                    .startsWith("3.");
        }
    }

    @Test
    void badInputThroughTheGatewayIsAProblemThatNamesTheField() {
        HttpResponse<String> response = send("POST", "/calendars", Map.of("name", "Nowhere", "type", "venue",
                "timezone", "Atlantis/Central", "capacity", 1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("timezone");
    }

    private static Instant nextWeekAt(int hour, int minute) {
        return LocalDate.now(NEW_YORK).plusDays(7).atTime(LocalTime.of(hour, minute)).atZone(NEW_YORK).toInstant();
    }

    private static String createCalendar(int capacity) {
        String id = "cal-" + UUID.randomUUID();
        post("/calendars", Map.of("id", id, "name", "Room", "type", "venue", "timezone", "America/New_York",
                "capacity", capacity, "overbooking_policy", "allow"), 201);
        return id;
    }

    private static String scheduleItem(String calendar, String title, Instant start, Instant end) {
        String id = "item-" + UUID.randomUUID();
        post("/schedules", Map.of("id", id, "calendar_id", calendar, "title", title, "type", "meeting",
                "start", start.toString(), "end", end.toString(), "timezone", "America/New_York"), 201);
        return id;
    }

    private static JsonNode awaitEntry(String calendar, String id, Instant start) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode entry : entries(calendar, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)))) {
                if (id.equals(entry.get("id").asString())) {
                    found[0] = entry;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The rule's occurrence that starts at {@code start}, once it is on the calendar. */
    private static JsonNode awaitEntryOf(String calendar, String rule, Instant start) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode entry : entries(calendar, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)))) {
                if (rule.equals(entry.path("rule_id").asString(null)) && start.toString().equals(entry.get("start").asString())) {
                    found[0] = entry;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** What the window counts on one New York day of one calendar. */
    private static int jobsOn(String calendar, LocalDate day) {
        JsonNode buckets = getJson("/schedules/window?from=" + day.atStartOfDay(NEW_YORK).toInstant()
                + "&till=" + day.plusDays(1).atStartOfDay(NEW_YORK).toInstant()
                + "&timezone=America/New_York&queue=" + calendar).get("buckets");
        return buckets.isEmpty() ? 0 : buckets.get(0).get("job_count").asInt();
    }

    private static JsonNode awaitConflict(String calendar, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode conflicts = getJson("/conflicts?calendar_id=" + calendar + "&status=" + status).get("conflicts");
            found[0] = conflicts.isEmpty() ? null : conflicts.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    private static JsonNode awaitResourceConflict(String resource, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode conflicts = getJson("/conflicts?resource_id=" + resource + "&status=" + status).get("conflicts");
            found[0] = conflicts.isEmpty() ? null : conflicts.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    private static JsonNode entries(String calendar, Instant from, Instant till) {
        HttpResponse<String> response = send("GET", "/calendars/" + calendar + "/entries?from=" + from + "&till=" + till, null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("entries") : JSON.createArrayNode();
    }

    private static JsonNode getJson(String path) {
        return JSON.readTree(getText(path));
    }

    private static String getText(String path) {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static void post(String path, Object body, int expectedStatus) {
        HttpResponse<String> response = send("POST", path, body);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expectedStatus);
    }

    private static HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
