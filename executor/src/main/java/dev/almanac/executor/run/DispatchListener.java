package dev.almanac.executor.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.executor.settings.ExecutorSettings;
import dev.almanac.executor.call.CallOutcome;
import dev.almanac.executor.call.HttpCalls;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Reads {@code almanac.dispatch.v1} as {@code read_committed}, so it sees each attempt once, in batches whose jobs run
 * side by side: each is reported started, called, and reported succeeded or failed; the offsets are committed once
 * every report of the batch is acknowledged. A crash before that runs the batch again, and its receivers see the same
 * delivery id (webhooks are delivered at least once). A record that cannot be read is dead-lettered with the reason.
 */
@Component
class DispatchListener {

    static final String LISTENER_ID = "executor-dispatches";

    private final EventCodec codec;
    private final DispatchDecisions decisions = new DispatchDecisions();
    private final HttpCalls calls;
    private final RunReporter reporter;
    private final Clock clock;
    private final Duration patience;
    private final Counter succeeded;
    private final Counter failed;

    DispatchListener(EventCodec codec, HttpCalls calls, RunReporter reporter, Clock clock, ExecutorSettings settings, MeterRegistry registry) {
        this.codec = codec;
        this.calls = calls;
        this.reporter = reporter;
        this.clock = clock;
        this.patience = settings.longestTimeout().plusMinutes(1);
        this.succeeded = Counter.builder("almanac.executor.runs").tag("outcome", "succeeded").description("Runs the executor reported")
                .register(registry);
        this.failed = Counter.builder("almanac.executor.runs").tag("outcome", "failed").description("Runs the executor reported")
                .register(registry);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.DISPATCH, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CompletableFuture<?>> runs = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            ReceivedEvent received;
            try {
                received = codec.fromRecord(records.get(index));
            } catch (PoisonMessageException e) {
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(patience.toMillis(), TimeUnit.MILLISECONDS);
                throw new BatchListenerFailedException(e.getMessage(), e, index);
            }
            if (decisions.decider().decide(received) instanceof Decision.Handle<Job> handle) {
                runs.add(run(handle.work()));
            }
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<?> run(Job job) {
        CompletableFuture<?> started = reporter.started(job.due(), job.dispatch(), clock.instant());
        CompletableFuture<CallOutcome> outcome = job.target() == null
                ? CompletableFuture.completedFuture(new CallOutcome(false, "the job's HTTP target cannot work: " + job.unusableTarget(),
                        clock.instant()))
                : started.thenCompose(sent -> calls.call(job.due(), job.target(), job.dispatch().id()));
        return outcome.thenCompose(result -> {
            (result.succeeded() ? succeeded : failed).increment();
            return started.thenCompose(sent -> reporter.finished(job.due(), job.dispatch(), result.succeeded(), result.finishedAt(),
                    result.message()));
        });
    }
}
