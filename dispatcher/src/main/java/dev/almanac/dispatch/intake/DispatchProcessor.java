package dev.almanac.dispatch.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.dispatch.due.DispatchSettings;
import dev.almanac.dispatch.due.DispatchSink;
import dev.almanac.dispatch.due.ItemReminders;
import dev.almanac.dispatch.due.PartitionDispatch;
import dev.almanac.dispatch.due.PendingRun;
import dev.almanac.dispatch.due.TrackedRun;
import dev.almanac.dispatch.routing.RoutedTopics;
import dev.almanac.dispatch.store.PartitionStore;
import dev.almanac.dispatch.store.RecordBytes;
import dev.almanac.dispatch.wakeup.Wakeups;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.DuePunctuation;

/**
 * One partition's dispatch task. Its stores hold the partition's rules and decisions; from them it restores a
 * {@link PartitionDispatch} when it starts, then applies each rule event and catch-up run routed to it and each run
 * report of its calendars, and on each tick decides what has fallen due up to the tick's timestamp. What it publishes and the state that records it are
 * written in the task's transaction (exactly-once), and it asks for a commit at once, so that a dispatch becomes
 * readable as soon as it is decided. After each record it arms its wake-up for the next instant something falls due.
 */
public final class DispatchProcessor implements Processor<String, byte[], String, byte[]>, DispatchSink {

    private static final Logger log = LoggerFactory.getLogger(DispatchProcessor.class);
    private static final Set<String> REMINDER_TYPES = Set.of(EventCatalog.of(ItemReminderSet.class).ceType(),
            EventCatalog.of(ItemReminderRemoved.class).ceType());
    private static final Set<String> ITEM_TYPES = Set.of(EventCatalog.of(ItemRescheduled.class).ceType(),
            EventCatalog.of(ItemCancelled.class).ceType(), EventCatalog.of(ItemRestored.class).ceType(),
            EventCatalog.of(ItemDeleted.class).ceType(), EventCatalog.of(ItemUpdated.class).ceType());

    private final EventCodec codec;
    private final DispatchSettings settings;
    private final Wakeups wakeups;
    private final Clock clock;
    private final Duration tickGrace;
    private final DispatchMetrics metrics;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionStore store;
    private @Nullable PartitionDispatch partition;
    private @Nullable DuePunctuation tickCheck;
    private int taskPartition;
    private boolean published;

    /** A safety net only: the tick check is armed a grace after the next wake-up, and looks at least this often besides. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /** @param tickGrace how long after its wake-up's instant the task looks whether the tick came, and sends another if not */
    public DispatchProcessor(EventCodec codec, DispatchSettings settings, Wakeups wakeups, Clock clock, Duration tickGrace,
                             DispatchMetrics metrics) {
        this.codec = codec;
        this.settings = settings;
        this.wakeups = wakeups;
        this.clock = clock;
        this.tickGrace = tickGrace;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.taskPartition = context.taskId().partition();
        this.store = new PartitionStore(context.getStateStore(PartitionStore.RULES), context.getStateStore(PartitionStore.STATE));
        long started = System.nanoTime();
        this.partition = store.restore(settings, codec, clock.instant());
        log.info("Dispatch task {} holds {} rules and {} pending runs, decided up to {} (restored in {} ms)", context.taskId(),
                partition.rules(), partition.pendingRuns(), partition.watermark(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        // A lost tick would leave the task asleep: a grace after each wake-up's instant it looks, and sends another. Nothing is
        // decided there.
        this.tickCheck = new DuePunctuation(context, clock, LONGEST_WAIT, this::checkTick);
        arm();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        String topic = origin.topic();
        if (Wakeups.TOPIC.equals(topic)) {
            partition.due(Instant.ofEpochMilli(record.timestamp()), clock.instant(), this);
        } else if (RoutedTopics.RULES_BY_CALENDAR.equals(topic)) {
            ReceivedEvent received = decode(record, origin, Topics.RULES);
            if (received != null && received.event() instanceof RuleEvent event && record.key() != null) {
                CalendarId routedTo = CalendarId.of(record.key());
                if (partition.onRuleEvent(routedTo, event, received.metadata(), clock.instant(), this)) {
                    store.putRuleEvent(RuleId.of(event.partitionKey()), received.version(), routedTo,
                            RecordBytes.encode(record.headers(), record.value()));
                }
            }
        } else if (Topics.SCHEDULE.equals(topic)) {
            onItemRecord(record, origin);
        } else if (Topics.RUNS.equals(topic)) {
            ReceivedEvent received = decode(record, origin, Topics.RUNS);
            if (received != null && received.event() instanceof RunEvent report) {
                partition.onRunReport(report, clock.instant(), this);
            }
        } else if (RoutedTopics.CATCH_UP_RUNS.equals(topic)) {
            ReceivedEvent received = decode(record, origin, Topics.MISSED_RUNS);
            if (received != null && received.event() instanceof OccurrenceMissed missed
                    && !partition.onCatchUp(missed, received.metadata(), this)) {
                log.info("Catch-up run {} of rule {} is not dispatched: the rule is not held for calendar {}, or the run was dispatched",
                        missed.catchUpRun(), missed.ruleId(), missed.calendarId());
            }
        }
        if (published) {
            // Readable by read_committed consumers once the transaction commits: ask for that now, not at the interval.
            context.commit();
            published = false;
        }
        arm();
    }

    /**
     * Of the items' events only reminders concern the dispatcher, and the moves, cancellations, restorations, changes (a
     * title) and deletions of items that have one (ADR 0079, ADR 0084): the rest pass by on their headers, undecoded. One that does not decode is only logged; the
     * items' own readers set it aside.
     */
    private void onItemRecord(Record<String, byte[]> record, RecordMetadata origin) {
        String type = header(record, CloudEventHeaders.TYPE);
        String item = header(record, CloudEventHeaders.SUBJECT);
        boolean reminder = REMINDER_TYPES.contains(type);
        if (item == null || !reminder && !(ITEM_TYPES.contains(type) && partition.remindsOf(ItemId.of(item)))) {
            return;
        }
        try {
            ReceivedEvent received = codec.fromRecord(DeadLetters.consumed(record, Topics.SCHEDULE, origin.partition(), origin.offset()));
            if (received.event() instanceof ScheduleEvent event) {
                partition.onItemEvent(event, received.metadata(), clock.instant(), this);
            }
        } catch (PoisonMessageException e) {
            log.warn("Item event at {}-{}@{} does not decode; the dispatcher passes it by: {}", origin.topic(), origin.partition(),
                    origin.offset(), e.getMessage());
        }
    }

    private static @Nullable String header(Record<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private @Nullable ReceivedEvent decode(Record<String, byte[]> record, RecordMetadata origin, String publicTopic) {
        try {
            return codec.fromRecord(DeadLetters.consumed(record, publicTopic, origin.partition(), origin.offset()));
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, publicTopic, record, origin, e, log);
            return null;
        }
    }

    private void arm() {
        Optional<Instant> next = partition.nextWake();
        next.ifPresentOrElse(at -> wakeups.arm(taskPartition, at), () -> wakeups.disarm(taskPartition));
        tickCheck.armFor(next.map(at -> at.plus(tickGrace)).orElse(null));
    }

    /**
     * The wake-up's instant passed a grace ago and the task has not moved past it: its tick was lost, or its timer is late
     * (the wall clock stepped). Armed afresh, the timer sends another at once; one handled twice changes nothing.
     */
    private void checkTick() {
        partition.nextWake().filter(at -> !at.plus(tickGrace).isAfter(clock.instant())).ifPresent(at -> wakeups.disarm(taskPartition));
        arm();
    }

    @Override
    public void close() {
        wakeups.disarm(taskPartition);
    }

    // ---- DispatchSink: events go out in the task's transaction, state goes to its stores ----

    @Override
    public void publish(DispatchEvent event, EventMetadata envelope) {
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        context.forward(new Record<>(record.key(), record.value(), envelope.time().toEpochMilli(), record.headers()), DispatchTopology.DISPATCH_SINK);
        published = true;
        metrics.published(event);
    }

    @Override
    public void watermark(Instant watermark) {
        store.watermark(watermark);
    }

    @Override
    public void guard(OccurrenceId occurrenceId, Instant expires) {
        store.guard(occurrenceId, expires);
    }

    @Override
    public void unguard(OccurrenceId occurrenceId) {
        store.unguard(occurrenceId);
    }

    @Override
    public void pending(PendingRun run) {
        store.pending(run);
    }

    @Override
    public void settled(PendingRun run, Instant expires) {
        store.settled(run, expires);
    }

    @Override
    public void forget(String runKey) {
        store.forget(runKey);
    }

    @Override
    public void track(TrackedRun run) {
        store.track(run);
    }

    @Override
    public void untrack(OccurrenceId occurrenceId) {
        store.untrack(occurrenceId);
    }

    @Override
    public void buffer(PendingRun run) {
        store.buffer(run);
    }

    @Override
    public void unbuffer(RuleId ruleId) {
        store.unbuffer(ruleId);
    }

    @Override
    public void itemReminders(ItemReminders item) {
        store.itemReminders(item);
    }

    @Override
    public void noItemReminders(ItemId itemId) {
        store.noItemReminders(itemId);
    }

    @Override
    public void reminded(String key, Instant expires) {
        store.reminded(key, expires);
    }

    @Override
    public void refused(RunEvent report, String reason) {
        metrics.refused();
        log.debug("Run report {} (attempt {} of {}) changes nothing: {}", report.runId(), report.attempt(), report.entryId(), reason);
    }
}
