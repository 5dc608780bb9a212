package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.WebhookFormat;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.secret.SecretSeal;
import dev.almanac.platform.testing.TopicReader;

/** The caller's notification preferences through HTTP, the event store and the relay; and every bad field named (issue 71). */
@CommandServiceIntegrationTest
class NotificationPreferencesIT {

    private static final String USER = "X-Almanac-User";
    private static final String PATH = "/api/v1/notification-preferences";
    private static TopicReader preferences;

    @BeforeAll
    static void reader() {
        preferences = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.NOTIFICATION_PREFERENCES);
    }

    @AfterAll
    static void closeReader() {
        preferences.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    SecretSeal seal;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void theCallersPreferencesAreSetVersionedAndPublishedKeyedByTheUserWithTheSecretSealed() {
        String user = "prefs-" + UUID.randomUUID() + "@example.com";
        put(user, valid(), null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.user_id").isEqualTo(user)
                .jsonPath("$.webhook.secret_set").isEqualTo(true)
                .jsonPath("$.webhook.secret").doesNotExist()
                .jsonPath("$.channels.critical[1]").isEqualTo("email")
                .jsonPath("$.version").isEqualTo(0);

        ConsumerRecord<String, byte[]> record = preferences.awaitRecords(TopicReader.keyed(user), 1).get(0);
        NotificationPreferencesSet set = (NotificationPreferencesSet) codec.fromRecord(record).event();
        assertThat(set.zone()).isEqualTo("Asia/Kathmandu");
        assertThat(set.webhook().format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(new String(record.value())).doesNotContain("whsec-0123456789abcdef");
        assertThat(seal.open(set.webhook().sealedSecret())).isEqualTo("whsec-0123456789abcdef");
        assertThat(set.channels().get(0).channels()).containsExactly(DeliveryChannel.CENTRE, DeliveryChannel.EMAIL);
        assertThat(set.suppress()).singleElement().satisfies(rule -> assertThat(rule.category()).isEqualTo(NotificationCategory.LOW));
        assertThat(set.quietHours().start()).hasToString("22:00");
        assertThat(set.digestWindowMinutes()).isEqualTo(10);

        // The same set again changes nothing; a change with a stale If-Match is refused.
        put(user, valid(), null).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"");
        Map<String, Object> changed = valid();
        changed.put("email", "elsewhere@example.com");
        put(user, changed, "\"0\"").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        put(user, valid(), "\"0\"").expectStatus().isEqualTo(412);
    }

    @Test
    void everyBadFieldIsNamedInOneProblemAndNothingIsStored() {
        String user = "prefs-bad-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zone", "Mars/Olympus");
        body.put("email", "not-an-address");
        body.put("webhook", Map.of("url", "ftp://hooks.example.com/x", "format", "teams", "secret", "short"));
        body.put("channels", Map.of("urgent", List.of("email"), "low", List.of("pager")));
        body.put("quiet_hours", Map.of("start", "25:00", "end", "7am"));
        body.put("digest", Map.of("window_minutes", 5000));
        body.put("suppress", List.of(Map.of("category", "lowest")));
        put(user, body, null).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'zone')].rule").isEqualTo("iana_zone")
                .jsonPath("$.errors[?(@.field == 'email')].rule").isEqualTo("email")
                .jsonPath("$.errors[?(@.field == 'webhook.url')].rule").isEqualTo("url")
                .jsonPath("$.errors[?(@.field == 'webhook.format')].rule").isEqualTo("enum")
                .jsonPath("$.errors[?(@.field == 'webhook.secret')].rule").isEqualTo("length")
                .jsonPath("$.errors[?(@.field == 'channels.urgent')].rule").isEqualTo("category")
                .jsonPath("$.errors[?(@.field == 'channels.low[0]')].rule").isEqualTo("enum")
                .jsonPath("$.errors[?(@.field == 'quiet_hours.start')].rule").isEqualTo("local_time")
                .jsonPath("$.errors[?(@.field == 'quiet_hours.end')].rule").isEqualTo("local_time")
                .jsonPath("$.errors[?(@.field == 'digest.window_minutes')].rule").isEqualTo("range")
                .jsonPath("$.errors[?(@.field == 'suppress[0].category')].rule").isEqualTo("category");
        assertThat(preferences.drainFor(java.time.Duration.ofSeconds(1), TopicReader.keyed(user))).isEmpty();
    }

    @Test
    void aWebhookWithCredentialsInItsUrlAndAZoneOfAFixedOffsetAreRefused() {
        Map<String, Object> body = valid();
        body.put("zone", "+05:30");
        body.put("webhook", Map.of("url", "https://user:pass@hooks.example.com/x", "format", "json", "secret", "whsec-0123456789abcdef"));
        put("prefs-" + UUID.randomUUID(), body, null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'zone')].rule").isEqualTo("iana_zone")
                .jsonPath("$.errors[?(@.field == 'webhook.url')].message").value(message -> assertThat(message.toString()).contains("credentials"));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zone", "Asia/Kathmandu");
        body.put("email", "me@example.com");
        body.put("webhook", Map.of("url", "https://hooks.slack.example/services/T0/B0/X", "format", "slack", "secret", "whsec-0123456789abcdef"));
        body.put("channels", Map.of("critical", List.of("centre", "email")));
        body.put("quiet_hours", Map.of("start", "22:00", "end", "07:00"));
        body.put("digest", Map.of("window_minutes", 10));
        body.put("suppress", List.of(Map.of("category", "low")));
        return body;
    }

    private WebTestClient.ResponseSpec put(String user, Map<String, Object> body, String ifMatch) {
        WebTestClient.RequestBodySpec request = client.put().uri(PATH).header(USER, user).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(body).exchange();
    }
}
