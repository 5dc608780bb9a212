package dev.almanac.commands.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkedChange;

/**
 * The item commands of the integration tests, over HTTP, and what they left in the event store and
 * the booking ledger, read back directly: the ground truth a test checks answers against.
 */
public final class ScheduleClient {

    private final WebTestClient client;
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public ScheduleClient(WebTestClient client, JdbcTemplate jdbc, EventStore eventStore) {
        this.client = client;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    public String createCalendar(int capacity, String policy) {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "America/New_York",
                        "capacity", capacity, "overbooking_policy", policy))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    /** Schedules a one-hour item; its id starts with {@code prefix}, which sets its place in the order of ids. */
    public String schedule(String prefix, String calendarId, Instant start, String... dependencies) {
        String id = prefix + "-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "calendar_id", calendarId, "title", "Item " + prefix,
                "type", "shift", "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(),
                "timezone", "America/New_York"));
        if (dependencies.length > 0) {
            body.put("dependencies", List.of(dependencies));
        }
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated();
        return id;
    }

    public WebTestClient.ResponseSpec link(String primary, String follower, @Nullable String offset) {
        Map<String, Object> body = new HashMap<>(Map.of("follower_id", follower));
        if (offset != null) {
            body.put("offset", offset);
        }
        return client.post().uri("/api/v1/schedules/{id}/links", primary).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec reschedule(String itemId, Instant to, boolean cascade) {
        return client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", to.toString(), "cascade", cascade)).exchange();
    }

    public WebTestClient.ResponseSpec cancel(String itemId) {
        return client.post().uri("/api/v1/schedules/{id}/cancel", itemId).exchange();
    }

    /** The item's version in the event store: the sequence number of its last event. */
    public long storedVersion(String itemId) {
        Long version = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, "item:" + itemId);
        return version == null ? -1 : version;
    }

    /** The item's start in the booking ledger, or null when it holds no place (cancelled). */
    public @Nullable Instant bookedStart(String itemId) {
        List<Timestamp> starts = jdbc.queryForList("SELECT start_at FROM calendar_booking WHERE item_id = ?", Timestamp.class, itemId);
        return starts.isEmpty() ? null : starts.get(0).toInstant();
    }

    /** Every stored event of the item, oldest first, with the transaction that stored it. */
    public List<Stored> history(String itemId) {
        Map<String, String> transactions = new HashMap<>();
        jdbc.query("SELECT eventidentifier, xmin::text AS tx FROM domainevententry WHERE aggregateidentifier = ?",
                row -> {
                    transactions.put(row.getString("eventidentifier"), row.getString("tx"));
                }, "item:" + itemId);
        List<Stored> history = new ArrayList<>();
        eventStore.readEvents("item:" + itemId).asStream().forEach(message -> history.add(new Stored(message,
                transactions.get(message.getIdentifier()))));
        assertThat(history).as("events of %s", itemId).isNotEmpty();
        return history;
    }

    /** The moves stored for the item, by the correlation id of the request that made each. */
    public Map<String, Stored> movesByRequest(String itemId, Class<?> type) {
        Map<String, Stored> moves = new LinkedHashMap<>();
        for (Stored stored : history(itemId)) {
            if (type.isInstance(stored.payload())) {
                assertThat(moves.put(stored.correlationId(), stored)).as("one %s of %s per request", type.getSimpleName(), itemId)
                        .isNull();
            }
        }
        return moves;
    }

    /**
     * What the item's event of {@code version} declares in linked_changes (null when it does not say), once each
     * item it names is checked against the store: that item's last event in the same transaction has the declared version.
     */
    public @Nullable List<LinkedChange> linkedChanges(String itemId, long version) {
        Stored stored = history(itemId).get((int) version);
        assertThat(stored.message().getSequenceNumber()).isEqualTo(version);
        Object event = stored.payload();
        List<LinkedChange> declared = event instanceof ItemRescheduled rescheduled ? rescheduled.linkedChanges()
                : event instanceof ItemCancelled cancelled ? cancelled.linkedChanges()
                : event instanceof ItemLinked linked ? linked.linkedChanges()
                : event instanceof ItemUnlinked unlinked ? unlinked.linkedChanges()
                : fail(itemId + "'s event " + version + " is a " + event.getClass().getSimpleName() + ", which has no linked_changes");
        for (LinkedChange change : declared == null ? List.<LinkedChange>of() : declared) {
            long reached = history(change.itemId().value()).stream()
                    .filter(other -> other.transaction().equals(stored.transaction()))
                    .mapToLong(other -> other.message().getSequenceNumber())
                    .max().orElse(-1);
            assertThat(reached).as("the version %s reached in the transaction of %s's event %d", change.itemId(), itemId, version)
                    .isEqualTo(change.version());
        }
        return declared;
    }

    /** A linked change as a test names it. */
    public static LinkedChange linked(String itemId, long version) {
        return new LinkedChange(ItemId.of(itemId), version);
    }

    private static <T> T fail(String message) {
        throw new AssertionError(message);
    }

    /** One stored event, and the PostgreSQL transaction ({@code xmin}) that inserted it. */
    public record Stored(DomainEventMessage<?> message, String transaction) {

        public Object payload() {
            return message.getPayload();
        }

        public String correlationId() {
            return String.valueOf(message.getMetaData().get(CommandMetadata.CORRELATION_ID));
        }
    }
}
