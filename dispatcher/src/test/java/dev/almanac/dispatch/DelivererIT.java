package dev.almanac.dispatch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.dispatch.testing.TopicTail;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.SuppressionRule;
import dev.almanac.events.notification.WebhookFormat;
import dev.almanac.events.notification.WebhookTarget;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.secret.SecretSeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deliverer in the dispatcher's own process, on a real broker, a GreenMail SMTP server and a local HTTP receiver: a
 * notification reaches its recipient by e-mail (plain text and HTML) and by a signed Slack-shaped webhook; a webhook
 * that always fails is tried, then dead-lettered, and its history says so; a suppressed one is recorded as such; after a
 * kill -9 nothing is sent twice, not even the webhook the dispatcher was in the middle of sending, which is recorded
 * unconfirmed.
 */
class DelivererIT {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Duration DELIVER_PATIENCE = Duration.ofMinutes(1);
    private static final String KEY = "bG9jYWwtb25seS1zZWFsaW5nLWtleS0zMi1ieXRlcyE=";
    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final UserId ALICE = UserId.of("alice@example.com");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final UserId DAVE = UserId.of("dave");

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final List<String> signedWebhooks = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    /** Almanac-Delivery of each request to /hang; the first is held unanswered until the test ends. */
    private final List<String> hangingWebhooks = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void notificationsReachEmailAndWebhookOnceThroughAKillAndAFailingWebhookIsDeadLettered() throws Exception {
        int httpPort;
        int smtpPort;
        int hookPort;
        try (FreePorts free = new FreePorts()) {
            httpPort = free.orFree(0);
            smtpPort = free.orFree(0);
            hookPort = free.orFree(0);
        }
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer hooks = receiver(hookPort);
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, 3);
            Path state = directory.resolve("state");
            Path log = Path.of("target", "deliverer-it-dispatcher.log").toAbsolutePath();
            Files.deleteIfExists(log);
            String[] settings = {"--almanac.deliver.smtp.host=127.0.0.1", "--almanac.deliver.smtp.port=" + smtpPort,
                    "--almanac.deliver.webhook-private-addresses=allow",
                    "--almanac.deliver.sealing-key=" + KEY, "--almanac.deliver.max-attempts=3", "--almanac.deliver.first-backoff=PT0.1S",
                    // Long enough that the held webhook is still held when the dispatcher is killed.
                    "--almanac.deliver.webhook-timeout=PT60S"};
            List<NotificationDeliveryRecorded> history = new CopyOnWriteArrayList<>();
            DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, log, settings).awaitReady(START_PATIENCE);
            try (KafkaProducer<String, byte[]> producer = TestTopics.producer(bootstrap); TopicTail<NotificationDeliveryRecorded> reader = TopicTail.into(bootstrap, Topics.NOTIFICATION_DELIVERIES, NotificationDeliveryRecorded.class, history)) {
                SecretSeal seal = new SecretSeal(KEY);
                send(producer, preferences(ALICE, "alice@example.com",
                        new WebhookTarget("http://127.0.0.1:" + hookPort + "/ok", WebhookFormat.SLACK, seal.seal(SECRET)), List.of()));
                send(producer, preferences(BOB, null,
                        new WebhookTarget("http://127.0.0.1:" + hookPort + "/fail", WebhookFormat.JSON, seal.seal(SECRET)), List.of()));
                send(producer, preferences(CAROL, "carol@example.com", null,
                        List.of(new SuppressionRule(NotificationCategory.CRITICAL, null))));
                send(producer, preferences(DAVE, null,
                        new WebhookTarget("http://127.0.0.1:" + hookPort + "/hang", WebhookFormat.JSON, seal.seal(SECRET)), List.of()));

                NotificationRaised first = notification(ALICE, "fact-1");
                send(producer, first);
                send(producer, notification(BOB, "fact-1"));
                send(producer, notification(CAROL, "fact-1"));

                awaitUntil(log, () -> mail.getReceivedMessages().length == 1 && signedWebhooks.size() == 1);
                MimeMessage received = mail.getReceivedMessages()[0];
                String emailDelivery = deliveryOf(history, first.notificationId(), DeliveryChannel.EMAIL);
                assertThat(received.getMessageID()).isEqualTo("<" + emailDelivery + "@almanac>");
                assertThat(received.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
                assertThat(textParts(received)).anySatisfy(part -> assertThat(part).contains("Missed run: Nightly cleanup"))
                        .anySatisfy(part -> assertThat(part).contains("<h2>"));
                assertThat(badSignatures).isEmpty();
                assertThat(signedWebhooks.get(0)).contains("\"text\"").contains("\"blocks\"");

                awaitUntil(log, () -> outcomes(history, BOB).contains(DeliveryOutcome.DEAD_LETTERED)
                        && outcomes(history, CAROL).contains(DeliveryOutcome.SUPPRESSED));
                assertThat(outcomes(history, BOB)).containsExactly(DeliveryOutcome.ATTEMPT_FAILED, DeliveryOutcome.ATTEMPT_FAILED,
                        DeliveryOutcome.DEAD_LETTERED);
                assertThat(history.stream().filter(line -> line.recipient().equals(BOB)).toList())
                        .allSatisfy(line -> assertThat(line.detail()).contains("500"));
                assertThat(history.stream().filter(line -> line.recipient().equals(CAROL)).findFirst().orElseThrow().policy())
                        .isEqualTo("suppress category=critical");

                // Killed while the receiver holds Dave's webhook: it may count as sent, so it must not be sent again.
                NotificationRaised interrupted = notification(DAVE, "fact-1");
                send(producer, interrupted);
                awaitUntil(log, () -> hangingWebhooks.size() == 1);
                dispatcher.kill();
                dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, log, settings).awaitReady(START_PATIENCE);
                // The first notification published again, as a republished fact would: taken once.
                send(producer, first);
                send(producer, notification(ALICE, "fact-2"));
                awaitUntil(log, () -> history.stream().anyMatch(line -> line.notificationId().equals(interrupted.notificationId())
                        && line.outcome() == DeliveryOutcome.UNCONFIRMED));
                send(producer, notification(DAVE, "fact-2"));
                awaitUntil(log, () -> mail.getReceivedMessages().length >= 2 && signedWebhooks.size() >= 2 && hangingWebhooks.size() >= 2);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> mail.getReceivedMessages().length == 2 && signedWebhooks.size() == 2 && hangingWebhooks.size() == 2);
                assertThat(hangingWebhooks).doesNotHaveDuplicates();
                assertThat(outcomes(history, DAVE)).containsExactly(DeliveryOutcome.UNCONFIRMED, DeliveryOutcome.SENT);
                assertThat(Stream.of(mail.getReceivedMessages()).map(DelivererIT::messageId).distinct()).hasSize(2);
                assertThat(history.stream().filter(line -> line.outcome() == DeliveryOutcome.SENT).map(NotificationDeliveryRecorded::deliveryId))
                        .doesNotHaveDuplicates().hasSize(5);
            } finally {
                dispatcher.close();
                release.countDown();
                hooks.stop(0);
                mail.stop();
            }
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> textParts(MimeMessage message) throws Exception {
        List<String> parts = new ArrayList<>();
        collect(message.getContent(), parts);
        return parts;
    }

    private static void collect(Object content, List<String> parts) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i).getContent(), parts);
            }
        } else if (content instanceof String text) {
            parts.add(text);
        }
    }

    private static List<DeliveryOutcome> outcomes(List<NotificationDeliveryRecorded> history, UserId user) {
        return history.stream().filter(line -> line.recipient().equals(user)).map(NotificationDeliveryRecorded::outcome).toList();
    }

    private static String deliveryOf(List<NotificationDeliveryRecorded> history, NotificationId id, DeliveryChannel channel) {
        await().atMost(DELIVER_PATIENCE).until(() -> history.stream().anyMatch(line -> line.notificationId().equals(id)
                && line.channel() == channel && line.outcome() == DeliveryOutcome.SENT));
        return history.stream().filter(line -> line.notificationId().equals(id) && line.channel() == channel
                && line.outcome() == DeliveryOutcome.SENT).findFirst().orElseThrow().deliveryId();
    }

    private static void awaitUntil(Path log, java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(DELIVER_PATIENCE).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("the dispatcher logged:\n" + String.join("\n", lines.stream()
                    .filter(line -> line.contains("deliver") || line.contains("WARN") || line.contains("ERROR"))
                    .skip(Math.max(0, lines.size() - 400)).limit(120).toList()), timeout);
        }
    }

    /** Answers 200 on /ok when the signature verifies, 500 always on /fail; holds the first request to /hang unanswered. */
    private HttpServer receiver(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hang", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hangingWebhooks.add(exchange.getRequestHeaders().getFirst("Almanac-Delivery"));
            if (hangingWebhooks.size() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("Almanac-Signature");
            if (verifies(signature, body) && exchange.getRequestHeaders().getFirst("Almanac-Delivery") != null) {
                signedWebhooks.add(new String(body, StandardCharsets.UTF_8));
            } else {
                badSignatures.add(String.valueOf(signature));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** As docs/executor.md tells a receiver to verify. */
    private static boolean verifies(String header, byte[] body) {
        try {
            String[] parts = header.split(",");
            long t = Long.parseLong(parts[0].substring(2));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(parts[1].substring(3)))
                    && Math.abs(Instant.now().getEpochSecond() - t) <= 300;
        } catch (Exception e) {
            return false;
        }
    }

    private static NotificationPreferencesSet preferences(UserId user, String email, WebhookTarget webhook, List<SuppressionRule> suppress) {
        return new NotificationPreferencesSet(user, "Europe/Berlin", email, webhook, List.of(), null, 0, suppress);
    }

    private static NotificationRaised notification(UserId recipient, String fact) {
        NotificationRaised sample = EventSamples.notificationRaised();
        return new NotificationRaised(NotificationId.of(fact, recipient), recipient, sample.kind(), sample.category(), sample.title(),
                sample.summary(), sample.source(), sample.owner(), sample.calendarId(), sample.links(), sample.actions(), Instant.now());
    }

    private void send(KafkaProducer<String, byte[]> producer, AlmanacEvent event) throws Exception {
        String type = EventCatalog.of(event).ceType();
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type + event.subject()).getBytes()).toString(), type,
                "/almanac/test", Instant.now(), event.subject(), 1, "test", "corr-deliver", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        producer.send(record).get();
    }

}
