package dev.almanac.query.consistency;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.Topics;
import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * Waits until the read models hold a command's write. The entity document is written after every
 * document derived from it ({@code ProjectionBatch}), so once it holds the token's version, every
 * view of it does too. It reads the entity once, from the {@link ConsistencySource} its feature
 * registered for the token's kind; then it watches the batches this process writes
 * ({@link AppliedBatches}), which name the entities they held, so a waiting read costs no
 * query per batch; and every {@code poll} it reads the entity again, for batches that other
 * replicas write. After {@code wait} it answers {@link Freshness#STALE}.
 */
@Component
public class ConsistencyGate {

    private final Map<ConsistencyToken.Kind, ConsistencySource> sources = new EnumMap<>(ConsistencyToken.Kind.class);
    private final AppliedBatches batches;
    private final Duration wait;
    private final Duration poll;

    /** @throws IllegalStateException unless {@code sources} has exactly one source for each kind of token */
    public ConsistencyGate(List<ConsistencySource> sources, AppliedBatches batches,
                           @Value("${almanac.query.consistency-wait:3s}") Duration wait,
                           @Value("${almanac.query.consistency-poll:500ms}") Duration poll) {
        for (ConsistencySource source : sources) {
            if (this.sources.put(source.kind(), source) != null) {
                throw new IllegalStateException("two consistency sources for " + source.kind());
            }
        }
        Set<ConsistencyToken.Kind> missing = EnumSet.allOf(ConsistencyToken.Kind.class);
        missing.removeAll(this.sources.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no consistency source for " + missing);
        }
        this.batches = batches;
        this.wait = wait;
        this.poll = poll;
    }

    public Mono<Freshness> await(ConsistencyToken token) {
        String topic = switch (token.kind()) {
            case ITEM -> Topics.SCHEDULE;
            case CALENDAR, RESOURCE -> Topics.CALENDARS;
            case RULE, CHANGE_REQUEST -> Topics.RULES;
            case RUN -> Topics.RUNS;
        };
        // Subscribed before the first check completes, so a batch written meanwhile is not missed.
        Flux<Boolean> written = batches.applied().map(batch -> batch.stream().anyMatch(applied -> applied.topic().equals(topic)
                && applied.subject().equals(token.id()) && applied.version() >= token.version()));
        if (topic.equals(Topics.RULES) || topic.equals(Topics.CALENDARS)) {
            // Rules and change requests share a topic, as calendars and resources do, and an id may name one of each: a batch
            // that names the id is a hint, and the store says whether it held this entity.
            written = written.filter(Boolean::booleanValue).concatMap(hint -> holds(token), 1);
        }
        Flux<Boolean> polled = Flux.interval(poll, poll).onBackpressureDrop().concatMap(tick -> holds(token), 1);
        return Flux.merge(holds(token).flux(), written, polled)
                .filter(Boolean::booleanValue)
                .next()
                .map(held -> Freshness.FRESH)
                .timeout(wait, Mono.just(Freshness.STALE))
                // A batch's signal arrives on the projection's listener thread; the read goes on elsewhere.
                .publishOn(Schedulers.parallel());
    }

    /** Whether the entity's read model is at the token's version or later. */
    Mono<Boolean> holds(ConsistencyToken token) {
        return sources.get(token.kind()).version(token.id()).map(held -> held >= token.version()).defaultIfEmpty(false);
    }
}
