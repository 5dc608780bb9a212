package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicReader;

/**
 * Calendar subscriptions through HTTP, the event store and the relay (ADR 0082): the token is answered once and only its
 * SHA-256 is published; only a reader of the calendar is issued one; only its user revokes it, once.
 */
@CommandServiceIntegrationTest
class CalendarSubscriptionIT {

    private static final String USER = "X-Almanac-User";
    private static TopicReader subscriptions;

    @BeforeAll
    static void reader() {
        subscriptions = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.CALENDAR_SUBSCRIPTIONS);
    }

    @AfterAll
    static void closeReader() {
        subscriptions.close();
    }

    @Autowired
    WebTestClient client;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aReaderIsIssuedATokenWhoseHashIsPublishedAndRevokesItOnce() throws Exception {
        String calendar = createCalendar();
        grant(calendar, "bob", "viewer");

        Map<?, ?> issued = client.post().uri("/api/v1/calendars/{id}/subscriptions", calendar).header(USER, "bob").exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) issued.get("token");
        String subscription = (String) issued.get("subscription_id");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.get("feed_url")).isEqualTo("/api/v1/feeds/" + token + ".ics");
        assertThat(issued.get("user_id")).isEqualTo("bob");

        List<ConsumerRecord<String, byte[]>> records = subscriptions.awaitRecords(TopicReader.keyed(calendar), 1);
        CalendarSubscriptionIssued event = (CalendarSubscriptionIssued) codec.fromRecord(records.get(0)).event();
        assertThat(event.tokenHash()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII))));
        assertThat(event.userId().value()).isEqualTo("bob");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(token);

        client.delete().uri("/api/v1/calendars/{id}/subscriptions/{sub}", calendar, subscription).header(USER, "carol").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("subscription_id");
        client.delete().uri("/api/v1/calendars/{id}/subscriptions/{sub}", "cal-other", subscription).header(USER, "bob").exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/v1/calendars/{id}/subscriptions/{sub}", calendar, subscription).header(USER, "bob").exchange()
                .expectStatus().isNoContent();
        client.delete().uri("/api/v1/calendars/{id}/subscriptions/{sub}", calendar, subscription).header(USER, "bob").exchange()
                .expectStatus().isNoContent();

        List<ConsumerRecord<String, byte[]>> both = subscriptions.awaitRecords(TopicReader.keyed(calendar), 2);
        CalendarSubscriptionRevoked revoked = (CalendarSubscriptionRevoked) codec.fromRecord(both.get(1)).event();
        assertThat(revoked.subscriptionId()).isEqualTo(subscription);
        assertThat(revoked.tokenHash()).isEqualTo(event.tokenHash());
    }

    @Test
    void whoMayNotReadTheCalendarIsRefusedAndAnUnknownCalendarIsNotFound() {
        String calendar = createCalendar();
        grant(calendar, "bob", "viewer");

        // Mallory has no role on it: to her it does not exist (ADR 0086).
        client.post().uri("/api/v1/calendars/{id}/subscriptions", calendar).header(USER, "mallory").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.required_role").doesNotExist();
        client.post().uri("/api/v1/calendars/{id}/subscriptions", "cal-none-" + UUID.randomUUID()).header(USER, "bob").exchange()
                .expectStatus().isNotFound();
    }

    /** A calendar created and granted by the development identity, as the other ITs make theirs. */
    private String createCalendar() {
        String id = "cal-sub-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "Europe/Berlin", "capacity", 1,
                        "overbooking_policy", "block"))
                .exchange().expectStatus().isCreated();
        return id;
    }

    private void grant(String calendar, String user, String role) {
        client.post().uri("/api/v1/calendars/{id}/grants", calendar).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", user, "role", role))
                .exchange().expectStatus().isOk();
    }
}
