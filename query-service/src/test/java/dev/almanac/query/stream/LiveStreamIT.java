package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The stream on the real embedded Kafka and MongoDB: items published to the schedule topic reach a
 * subscriber of their calendar only once a refetch shows them, and a reconnect misses nothing.
 */
class LiveStreamIT extends EmbeddedQueryService {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS = new ParameterizedTypeReference<>() {
    };
    private static final Instant START = Instant.parse("2026-12-01T15:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    StreamHub hub;

    @Autowired
    MeterRegistry meters;

    private final Disposable.Composite streams = Disposables.composite();

    @AfterEach
    void closeStreams() {
        streams.dispose();
    }

    @Test
    void aSubscriberLearnsOfItsCalendarsChangesOnceARefetchShowsThemAndResumesWithoutLoss() {
        String calendar = unique("cal");
        String other = unique("cal");
        publishCalendars(calendar, other);
        Received first = subscribe(calendar, null);
        await().atMost(PROJECTION_DEADLINE).until(() -> first.named(StreamHub.READY).size() == 1);
        assertThat(first.named(StreamHub.READY).get(0).data()).as("ready, with no reason to give")
                .isEqualTo(Map.of("calendar_ids", List.of(calendar)));

        ItemScheduled otherItem = item(other);
        ItemScheduled item = item(calendar);
        publish(otherItem, 0);
        publish(item, 0);

        await().atMost(PROJECTION_DEADLINE).until(() -> first.named("entry").size() == 1);
        ServerSentEvent<Map<String, Object>> event = first.named("entry").get(0);
        assertThat(event.data()).containsEntry("calendar_id", calendar)
                .containsEntry("subject", item.itemId().value())
                .containsEntry("type", "dev.almanac.schedule.ItemScheduled.v1")
                .containsEntry("version", 0)
                .containsKeys("event_id", "consistency_token");
        // At once, with no wait: the event came only once the read model held the item.
        client.get().uri("/api/v1/schedules/{id}", item.itemId().value()).exchange().expectStatus().isOk();

        first.stream().dispose();
        ItemScheduled missed = item(calendar);
        publish(missed, 0);
        Received resumed = subscribe(calendar, event.id());

        await().atMost(PROJECTION_DEADLINE).until(() -> resumed.named("entry").stream()
                .anyMatch(change -> missed.itemId().value().equals(change.data().get("subject"))));
        assertThat(resumed.named(StreamHub.RESET)).isEmpty();
        assertThat(first.events()).noneMatch(change -> change.data() != null && other.equals(change.data().get("calendar_id")));
        assertThat(resumed.events()).noneMatch(change -> change.data() != null && other.equals(change.data().get("calendar_id")));
    }

    /** A dispatcher's decision changes the run state an occurrence shows: a {@code run} change, as a run report is. */
    @Test
    void aDispatchDecisionReachesItsCalendarsSubscribersAsARunChange() {
        String calendar = unique("cal");
        publishCalendars(calendar);
        Received stream = subscribe(calendar, null);
        await().atMost(PROJECTION_DEADLINE).until(() -> stream.named(StreamHub.READY).size() == 1);
        OccurrenceDue sample = EventSamples.occurrenceDue();
        OccurrenceDue due = new OccurrenceDue(OccurrenceId.of(RuleId.of(unique("rule")), START), sample.ruleId(), sample.ruleVersion(),
                CalendarId.of(calendar), sample.title(), START, START, 1, sample.trigger(), sample.jobTemplate(), START, null, null);

        publish(due, 7);

        await().atMost(PROJECTION_DEADLINE).until(() -> stream.named("run").size() == 1);
        assertThat(stream.named("run").get(0).data()).containsEntry("calendar_id", calendar)
                .containsEntry("subject", due.occurrenceId().value())
                .containsEntry("type", "dev.almanac.dispatch.OccurrenceDue.v1")
                .doesNotContainKey("consistency_token");
    }

    @Test
    void aReconnectFromBeforeWhatTheBufferHoldsIsToldToRefetchEverything() {
        String calendar = unique("cal");
        publishCalendars(calendar);
        Received first = subscribe(calendar, null);
        await().atMost(PROJECTION_DEADLINE).until(() -> first.named(StreamHub.READY).size() == 1);
        first.stream().dispose();
        Map<TopicPartition, Long> fromTheStart = new HashMap<>();
        StreamPositions.decode(first.named(StreamHub.READY).get(0).id()).orElseThrow().offsets()
                .keySet().forEach(partition -> fromTheStart.put(partition, 0L));

        Received resumed = subscribe(calendar, new StreamPositions(fromTheStart).encode());

        await().atMost(PROJECTION_DEADLINE).until(() -> resumed.named(StreamHub.RESET).size() == 1);
        assertThat(resumed.named(StreamHub.RESET).get(0).data()).containsEntry("reason", StreamHub.TOO_OLD);
        ItemScheduled item = item(calendar);
        publish(item, 0);
        await().atMost(PROJECTION_DEADLINE).until(() -> resumed.named("entry").size() == 1);
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheFieldAndTheRule() {
        String calendar = unique("cal");
        publishCalendars(calendar);
        String tooMany = "calendar_id=" + String.join("&calendar_id=", java.util.Collections.nCopies(101, calendar));
        // As many as a stream takes, each as long as an id may be: a request line beyond Netty's default 4 KB.
        String longest = "calendar_id=" + calendar + "&calendar_id=" + String.join("&calendar_id=",
                java.util.Collections.nCopies(99, "cal-" + "x".repeat(60)));

        refused("/api/v1/stream", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("required");
        refused("/api/v1/stream?" + tooMany, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("max_calendars");
        refused("/api/v1/stream?" + longest, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        refused("/api/v1/stream?calendar_id=a%20b", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("format");
        // Read as sent (encoded as it is): Spring's list binding trimmed the control away, leaving a valid id.
        client.get().uri(URI.create("http://127.0.0.1:" + port + "/api/v1/stream?calendar_id=" + calendar + "%07")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("text");
        refused("/api/v1/stream?calendar_id=" + calendar + "&calendar_id=" + unique("nowhere"), null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        refused("/api/v1/stream?calendar_id=" + calendar, "not-an-id").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID").jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    @Test
    void beyondTheCapOfOpenStreamsTheAnswerIs503WithRetryAfter() {
        String calendar = unique("cal");
        publishCalendars(calendar);
        List<StreamSlots.Slot> taken = takeSlotsLeaving(0);
        try {
            refused("/api/v1/stream?calendar_id=" + calendar, null).expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody().jsonPath("$.status").isEqualTo(503);
        } finally {
            taken.forEach(StreamSlots.Slot::close);
        }
    }

    @Test
    void aHeadRequestIsAnsweredAsAGetWouldBeWithoutTakingAStreamSlot() {
        String calendar = unique("cal");
        publishCalendars(calendar);
        double openBefore = openStreams();
        List<StreamSlots.Slot> taken = takeSlotsLeaving(1);
        try {
            for (int check = 0; check < 3; check++) {
                client.head().uri("/api/v1/stream?calendar_id={id}", calendar).exchange()
                        .expectStatus().isOk()
                        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM);
            }
            client.head().uri("/api/v1/stream?calendar_id={id}", unique("nowhere")).exchange().expectStatus().isNotFound();
            assertThat(openStreams()).as("no HEAD holds a slot").isEqualTo(openBefore + taken.size());

            Received stream = subscribe(calendar, null);
            await().atMost(PROJECTION_DEADLINE).until(() -> stream.named(StreamHub.READY).size() == 1);
            client.head().uri("/api/v1/stream?calendar_id={id}", calendar).exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30");
            stream.stream().dispose();
        } finally {
            taken.forEach(StreamSlots.Slot::close);
        }
        await().atMost(PROJECTION_DEADLINE).until(() -> openStreams() == openBefore);
    }

    /** Takes every free stream slot but {@code free}. */
    private List<StreamSlots.Slot> takeSlotsLeaving(int free) {
        List<StreamSlots.Slot> taken = new ArrayList<>();
        for (Optional<StreamSlots.Slot> slot = hub.tryOpen(); slot.isPresent(); slot = hub.tryOpen()) {
            taken.add(slot.get());
        }
        for (int slot = 0; slot < free && !taken.isEmpty(); slot++) {
            taken.remove(taken.size() - 1).close();
        }
        return taken;
    }

    private double openStreams() {
        return meters.get("almanac.stream.open").gauge().value();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refused(String uri, String lastEventId) {
        return client.get().uri(uri).headers(headers -> {
            if (lastEventId != null) {
                headers.set("Last-Event-ID", lastEventId);
            }
        }).exchange();
    }

    private void publishCalendars(String... ids) {
        for (String id : ids) {
            publish(ReadModelFixture.calendar(id, ZoneId.of("Europe/Berlin")), 0);
        }
        for (String id : ids) {
            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/calendars/{id}", id).exchange()
                    .expectStatus().isOk());
        }
    }

    private static ItemScheduled item(String calendar) {
        return ReadModelFixture.item(unique("item"), calendar, "meeting", START, Duration.ofHours(1));
    }

    /** What a subscription received, as it arrives. */
    private record Received(Queue<ServerSentEvent<Map<String, Object>>> queue, Disposable stream) {

        List<ServerSentEvent<Map<String, Object>>> events() {
            return List.copyOf(queue);
        }

        List<ServerSentEvent<Map<String, Object>>> named(String name) {
            return queue.stream().filter(event -> name.equals(event.event())).toList();
        }
    }

    private Received subscribe(String calendar, String lastEventId) {
        Queue<ServerSentEvent<Map<String, Object>>> received = new ConcurrentLinkedQueue<>();
        Disposable stream = WebClient.create("http://127.0.0.1:" + port).get()
                .uri("/api/v1/stream?calendar_id={id}", calendar)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve()
                .bodyToFlux(EVENTS)
                .subscribe(received::add);
        streams.add(stream);
        return new Received(received, stream);
    }
}
