package dev.almanac.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.ReadModelFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification centre on the real embedded Kafka and MongoDB: notifications published on almanac.notifications.v1
 * reach their recipient's list and live stream once, and nobody else's.
 */
class NotificationCentreIT extends EmbeddedQueryService {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final Disposable.Composite streams = Disposables.composite();

    @AfterEach
    void closeStreams() {
        streams.dispose();
    }

    private static NotificationRaised raised(String user, String fact) {
        NotificationRaised sample = EventSamples.notificationRaised();
        UserId recipient = UserId.of(user);
        return new NotificationRaised(NotificationId.of(fact, recipient), recipient, sample.kind(), NotificationCategory.CRITICAL,
                sample.title(), sample.summary(), sample.source(), sample.owner(), sample.calendarId(), sample.links(), sample.actions(),
                Instant.parse("2026-12-02T07:36:00Z"));
    }

    @Test
    void aPublishedNotificationReachesItsRecipientsListAndStreamOnceAndNobodyElses() {
        String alice = unique("alice");
        String bob = unique("bob");
        String calendar = unique("cal");
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Berlin")), 0);
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/calendars/{id}", calendar).exchange()
                .expectStatus().isOk());
        Queue<ServerSentEvent<Map<String, Object>>> alicesStream = subscribe(alice, calendar);
        Queue<ServerSentEvent<Map<String, Object>>> bobsStream = subscribe(bob, calendar);
        await().atMost(PROJECTION_DEADLINE).until(() -> alicesStream.stream().anyMatch(event -> "ready".equals(event.event()))
                && bobsStream.stream().anyMatch(event -> "ready".equals(event.event())));

        NotificationRaised toAlice = raised(alice, unique("fact"));
        publish(toAlice, 1);
        publish(toAlice, 1);
        // Same user, so the same partition: once this one is listed, the duplicate before it was read.
        NotificationRaised sentinel = raised(alice, unique("fact"));
        publish(sentinel, 1);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/notifications")
                .header("X-Almanac-User", alice).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notifications.length()").isEqualTo(2)
                .jsonPath("$.unread_count").isEqualTo(2));
        await().atMost(PROJECTION_DEADLINE).until(() -> alicesStream.stream().filter(event -> "notification".equals(event.event())).count() == 2);
        assertThat(alicesStream.stream().filter(event -> "notification".equals(event.event())).map(event -> event.data().get("notification_id")))
                .containsExactly(toAlice.notificationId().value(), sentinel.notificationId().value());

        client.get().uri("/api/v1/notifications").header("X-Almanac-User", bob).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.notifications.length()").isEqualTo(0);
        client.post().uri("/api/v1/notifications/{id}/read", toAlice.notificationId().value()).header("X-Almanac-User", bob).exchange()
                .expectStatus().isNotFound();
        assertThat(bobsStream).noneMatch(event -> "notification".equals(event.event()));

        client.post().uri("/api/v1/notifications/{id}/read", toAlice.notificationId().value()).header("X-Almanac-User", alice).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/v1/notifications/unread-count").header("X-Almanac-User", alice).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.unread").isEqualTo(1);
    }

    /** Many notifications listed at once, as a burst of facts lists them, all reach the recipient's open stream. */
    @Test
    void aBurstOfNotificationsReachesTheOpenStreamEveryOne() {
        String dave = unique("dave");
        String calendar = unique("cal");
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Asia/Kathmandu")), 0);
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/calendars/{id}", calendar).exchange()
                .expectStatus().isOk());
        Queue<ServerSentEvent<Map<String, Object>>> davesStream = subscribe(dave, calendar);
        await().atMost(PROJECTION_DEADLINE).until(() -> davesStream.stream().anyMatch(event -> "ready".equals(event.event())));

        List<NotificationRaised> burst = java.util.stream.IntStream.range(0, 300).mapToObj(i -> raised(dave, unique("fact"))).toList();
        burst.forEach(notification -> kafka.send(codec.toRecord(Received.metadata(notification, 1, Received.TIME), notification)));
        kafka.flush();

        await().atMost(PROJECTION_DEADLINE).until(() -> davesStream.stream().filter(event -> "notification".equals(event.event())).count() >= 300);
        assertThat(davesStream.stream().filter(event -> "notification".equals(event.event())).map(event -> event.data().get("notification_id")))
                .containsExactlyInAnyOrderElementsOf(burst.stream().map(notification -> notification.notificationId().value()).toList());
    }

    /** A record that cannot be read goes to the DLT alone; the user's notifications around it are listed. */
    @Test
    void aPoisonNotificationIsDeadLetteredAndTheOnesAroundItAreListed() throws Exception {
        String carol = unique("carol");
        NotificationRaised before = raised(carol, unique("fact"));
        NotificationRaised after = raised(carol, unique("fact"));
        try (TopicReader deadLetters = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                Topics.deadLetter(Topics.NOTIFICATIONS))) {
            publish(before, 1);
            ProducerRecord<String, byte[]> valid = codec.toRecord(Received.metadata(before, 1, Received.TIME), before);
            kafka.send(new ProducerRecord<>(Topics.NOTIFICATIONS, null, carol, "{\"notification_id\": 42".getBytes(StandardCharsets.UTF_8),
                    valid.headers())).get(10, TimeUnit.SECONDS);
            publish(after, 1);

            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/notifications")
                    .header("X-Almanac-User", carol).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    // Raised at one instant, the two may list in either order; both must.
                    .jsonPath("$.notifications[*].id").value(ids -> assertThat(((List<?>) ids).stream().map(String::valueOf).toList())
                            .containsExactlyInAnyOrder(after.notificationId().value(), before.notificationId().value())));
            assertThat(deadLetters.awaitRecords(TopicReader.keyed(carol), 1)).singleElement()
                    .satisfies(record -> assertThat(TopicReader.header(record, "almanac_dlt-exception-causes"))
                            .contains(PoisonMessageException.class.getName()));
        }
    }

    private Queue<ServerSentEvent<Map<String, Object>>> subscribe(String user, String calendar) {
        Queue<ServerSentEvent<Map<String, Object>>> received = new ConcurrentLinkedQueue<>();
        Disposable stream = WebClient.create("http://127.0.0.1:" + port).get()
                .uri("/api/v1/stream?calendar_id={id}", calendar)
                .header("X-Almanac-User", user)
                .retrieve()
                .bodyToFlux(EVENTS)
                .timeout(Duration.ofMinutes(2))
                .subscribe(received::add, failure -> { });
        streams.add(stream);
        return received;
    }
}
