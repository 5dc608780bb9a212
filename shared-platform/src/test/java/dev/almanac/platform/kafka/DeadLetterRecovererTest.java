package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.TopicPartitionOffset;

import dev.almanac.events.Topics;

/** The platform's error handler, as every listener service gets it, driven with failing records. */
class DeadLetterRecovererTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final DeadLetterRecoverer recoverer = new DeadLetterRecoverer(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), meters);
    private final CommonErrorHandler handler = new AlmanacKafkaAutoConfiguration().almanacErrorHandler(recoverer);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);

    private final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.SCHEDULE, 2, 41L, "calendar-1",
            "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8));

    private final Logger log = (Logger) LoggerFactory.getLogger(DeadLetterRecoverer.class);
    private final Level logLevel = log.getLevel();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    DeadLetterRecovererTest() {
        when(container.isRunning()).thenReturn(true);
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.DEBUG);
    }

    @AfterEach
    void detachLog() {
        log.detachAppender(logged);
        log.setLevel(logLevel);
    }

    @Test
    void aPoisonRecordGoesToItsTopicsDeadLetterTopicAtOnceAndIsCountedAsPoison() {
        boolean recovered = handler.handleOne(failure(new PoisonMessageException("value is not a valid ItemScheduled")),
                record, consumer, container);

        assertThat(recovered).isTrue();
        assertThat(producer.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo(Topics.deadLetter(Topics.SCHEDULE));
            assertThat(deadLetter.key()).isEqualTo("calendar-1");
            assertThat(deadLetter.value()).isEqualTo(record.value());
            assertThat(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).as("no stack trace (ADR 0086)").isNull();
            assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN).value(), StandardCharsets.UTF_8))
                    .isEqualTo(PoisonMessageException.class.getName());
            assertThat(new String(deadLetter.headers().lastHeader(DeadLetterExceptions.CAUSES).value(), StandardCharsets.UTF_8))
                    .endsWith(PoisonMessageException.class.getName());
            assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8))
                    .contains("value is not a valid ItemScheduled").hasSizeLessThanOrEqualTo(DeadLetterExceptions.MAX_MESSAGE);
        });
        assertThat(count(Topics.SCHEDULE, DeadLetterRecoverer.POISON)).isEqualTo(1);
        assertThat(meters.find(DeadLetterRecoverer.METER).tag("reason", DeadLetterRecoverer.ERROR).counter()).isNull();
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterThreeRetriesAndCountedAsAnError() {
        var bug = failure(new IllegalStateException("no projector state for calendar-1"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(handler.handleOne(bug, record, consumer, container)).as("attempt %d is retried", attempt).isFalse();
        }
        assertThat(producer.history()).isEmpty();
        assertThat(handler.handleOne(bug, record, consumer, container)).isTrue();

        assertThat(producer.history()).extracting(deadLetter -> deadLetter.topic()).containsExactly(Topics.deadLetter(Topics.SCHEDULE));
        assertThat(count(Topics.SCHEDULE, DeadLetterRecoverer.ERROR)).isEqualTo(1);
    }

    @Test
    void theLogNamesTheRootCauseNotTheContainersWrapperAndKeepsTheWholeFailureAtDebug() {
        var failure = failure(new PoisonMessageException("value is not a valid almanac.item.scheduled.v1",
                new IllegalArgumentException("item_id must be a string")));

        handler.handleOne(failure, record, consumer, container);

        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Dead-lettering " + Topics.SCHEDULE + "-2@41: java.lang.IllegalArgumentException: item_id must be a string");
        assertThat(logged.list).filteredOn(event -> event.getThrowableProxy() != null).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(((ThrowableProxy) event.getThrowableProxy()).getThrowable()).isSameAs(failure);
        });
    }

    @Test
    void aDeadLetterKafkaRefusesIsNotCountedAndTheRecordIsNotRecovered() {
        producer.sendException = new KafkaException("the DLT is not writable");

        boolean recovered = handler.handleOne(failure(new PoisonMessageException("broken envelope")), record, consumer, container);

        assertThat(recovered).isFalse();
        assertThat(meters.find(DeadLetterRecoverer.METER).counters()).isEmpty();
    }

    @Test
    void everyTopicAListenerReadsHasItsCountersAtZeroBeforeAnyDeadLetter() {
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of());
        var byName = new ConcurrentMessageListenerContainer<>(factory, new ContainerProperties(Topics.RULES, Topics.RUNS));
        var byPartition = new ConcurrentMessageListenerContainer<>(factory,
                new ContainerProperties(new TopicPartitionOffset(Topics.CALENDARS, 0)));

        recoverer.countersAtZero(List.of(byName, byPartition));

        assertThat(meters.find(DeadLetterRecoverer.METER).counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero())
                .extracting(counter -> counter.getId().getTag("topic") + " " + counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder(
                        Topics.RULES + " poison", Topics.RULES + " error",
                        Topics.RUNS + " poison", Topics.RUNS + " error",
                        Topics.CALENDARS + " poison", Topics.CALENDARS + " error");
    }

    @Test
    void withoutAMeterRegistryRecordsAreStillDeadLettered() {
        var uncounted = new DeadLetterRecoverer(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), null);

        uncounted.accept(record, consumer, failure(new PoisonMessageException("unknown event type")));

        assertThat(producer.history()).extracting(deadLetter -> deadLetter.topic()).containsExactly(Topics.deadLetter(Topics.SCHEDULE));
    }

    /** As the listener container hands a listener's exception to the error handler. */
    private static ListenerExecutionFailedException failure(RuntimeException cause) {
        return new ListenerExecutionFailedException("Listener failed", cause);
    }

    private double count(String topic, String reason) {
        return meters.get(DeadLetterRecoverer.METER).tags("topic", topic, "reason", reason).counter().count();
    }
}
