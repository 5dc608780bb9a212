package dev.almanac.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
import dev.almanac.events.ReminderId;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders and notified moves end to end on a real broker (ADR 0079): an item's reminder, set and then moved with its
 * item, reaches its user on almanac.notifications.v1 once, at the moved start less its minutes, in the user's zone; a
 * move made with notify tells the item's scheduler, and one made without tells nobody.
 */
class RemindersIT {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    /** From sending the item to its first reminder instant: the moves, sent at once, arrive well within it. */
    private static final Duration LEAD_FOR_THE_MOVES = Duration.ofSeconds(10);
    /** The deliverer reads what the notifier writes and nothing here waits for it: left out, each start is quicker. */
    private static final String NO_DELIVERER = "--almanac.deliver.enabled=false";
    private static final CalendarId CALENDAR = CalendarId.of("cal-remind");
    private static final UserId SAM = UserId.of("sam@example.com");
    private static final UserId MIA = UserId.of("mia@example.com");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aMovedRemindersNotificationComesOnceAtItsNewTimeAndOnlyAMoveWithNotifyTellsTheScheduler() throws Exception {
        int httpPort;
        try (FreePorts free = new FreePorts()) {
            httpPort = free.orFree(0);
        }
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, 3);
            Path log = Path.of("target", "reminders-it-dispatcher.log").toAbsolutePath();
            java.nio.file.Files.deleteIfExists(log);
            List<NotificationRaised> seen = new CopyOnWriteArrayList<>();
            DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, directory.resolve("state"), httpPort, log, NO_DELIVERER).awaitReady(START_PATIENCE);
            try (KafkaProducer<String, byte[]> producer = TestTopics.producer(bootstrap); TopicTail<NotificationRaised> reader = TopicTail.into(bootstrap, Topics.NOTIFICATIONS, NotificationRaised.class, seen)) {
                ItemId shift = ItemId.of("item-shift");
                // The reminder is a minute ahead; LEAD_FOR_THE_MOVES more leaves the two moves time to arrive before the
                // first start's reminder would be due, and the test waits for little else.
                Instant start = Instant.now().plus(Duration.ofMinutes(1)).plus(LEAD_FOR_THE_MOVES).truncatedTo(ChronoUnit.SECONDS);
                Instant end = start.plus(8, ChronoUnit.HOURS);
                send(producer, new ItemScheduled(shift, CALENDAR, "Shift", "shift", start, end, KOLKATA, Priority.NORMAL, List.of()),
                        SAM.value(), 0);
                send(producer, new ItemReminderSet(shift, CALENDAR, start, end, "Shift", ReminderId.of("rem-sam"), SAM, 1, KOLKATA),
                        SAM.value(), 1);
                // Moved 10 seconds later without notify, then 5 more with it: the reminder follows each move.
                Instant moved = start.plusSeconds(10);
                send(producer, new ItemRescheduled(shift, CALENDAR, start, end, moved, moved.plus(8, ChronoUnit.HOURS), "late bus"),
                        MIA.value(), 2);
                Instant last = moved.plusSeconds(5);
                send(producer, new ItemRescheduled(shift, CALENDAR, moved, moved.plus(8, ChronoUnit.HOURS), last,
                        last.plus(8, ChronoUnit.HOURS), "later still", null, null, List.of(), true), MIA.value(), 3);

                await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(n -> n.kind() == NotificationKind.ITEM_RESCHEDULED));
                await().atMost(Duration.ofMinutes(2)).until(() -> seen.stream().anyMatch(n -> n.kind() == NotificationKind.REMINDER));
                Instant dueAt = last.minusSeconds(60);
                NotificationRaised reminder = seen.stream().filter(n -> n.kind() == NotificationKind.REMINDER).findFirst().orElseThrow();
                assertThat(reminder.recipient()).isEqualTo(SAM);
                assertThat(reminder.title()).isEqualTo("Shift starts in 1 minute at "
                        + java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(last.atZone(KOLKATA)) + " Asia/Kolkata");
                assertThat(reminder.occurredAt()).as("sent at its moved time, not before").isAfterOrEqualTo(dueAt)
                        .isBefore(dueAt.plusSeconds(10));
                assertThat(reminder.links()).extracting(link -> link.href()).contains("/api/v1/schedules/item-shift");

                // Past the first start: nothing more comes, and the move without notify told nobody.
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
                assertThat(seen).extracting(NotificationRaised::kind)
                        .containsExactlyInAnyOrder(NotificationKind.ITEM_RESCHEDULED, NotificationKind.REMINDER);
                NotificationRaised told = seen.stream().filter(n -> n.kind() == NotificationKind.ITEM_RESCHEDULED).findFirst().orElseThrow();
                assertThat(told.recipient()).isEqualTo(SAM);
                assertThat(told.summary()).contains("later still");
            } finally {
                dispatcher.close();
            }
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, AlmanacEvent event, String actor, long version) throws Exception {
        String type = EventCatalog.of(event).ceType();
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type + event.subject() + version).getBytes()).toString(), type,
                "/almanac/test", Instant.now(), event.subject(), version, actor, "corr-remind", null);
        var record = codec.toRecord(envelope, event);
        producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
    }

}
