package dev.almanac.rules.missed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * rule-expander's decision for every event type of {@code almanac.runs.v1}: each report of a run of
 * an occurrence is recorded, whatever its outcome (a failed run ran: it is not missed); a report of
 * an item's run is about no rule, and is let through unrecorded. A report of a heartbeat rule (entry kind
 * {@code rule}, ADR 0073) is recorded for each beat it accounts for: those from its grace before it to one
 * interval after it, so that a beat is missed only when no report came from one interval before it to its grace
 * after it. A report of a rule that is unknown or no heartbeat goes to the dead-letter topic with the reason.
 */
@Component
class RunEvents implements RunEvent.Handler<Decision<Mono<?>>> {

    /** Far more beats than one report can account for (two, or three on a fall-back repeat): a bound, never reached. */
    private static final int MOST_BEATS = 16;

    private final RunReports reports;
    private final RuleStore rules;
    private final EventDecider<Mono<?>> decider;

    RunEvents(RunReports reports, RuleStore rules) {
        this.reports = reports;
        this.rules = rules;
        this.decider = EventDecider.of("rule-expander", this);
    }

    EventDecider<Mono<?>> decider() {
        return decider;
    }

    @Override
    public Decision<Mono<?>> on(RunStarted event, EventMetadata envelope) {
        return Decision.handle(record(event, event.startedAt()));
    }

    @Override
    public Decision<Mono<?>> on(RunSucceeded event, EventMetadata envelope) {
        return Decision.handle(record(event, event.finishedAt()));
    }

    @Override
    public Decision<Mono<?>> on(RunFailed event, EventMetadata envelope) {
        return Decision.handle(record(event, event.finishedAt()));
    }

    private Mono<?> record(RunEvent event, Instant at) {
        return switch (event.entryKind()) {
            case OCCURRENCE -> Mono.defer(() -> reports.record(event.entryId(), at));
            case RULE -> Mono.defer(() -> beat(RuleId.of(event.entryId()), at));
            case ITEM -> Mono.empty();
        };
    }

    private Mono<Void> beat(RuleId ruleId, Instant at) {
        return rules.find(ruleId)
                .switchIfEmpty(Mono.error(() -> new PoisonMessageException("run report of rule " + ruleId
                        + ", which rule-expander does not know: only a heartbeat rule is reported as a rule (OPS-HEARTBEAT, ADR 0073)")))
                .flatMap(rule -> {
                    Heartbeat heartbeat = rule.definition().heartbeat();
                    if (heartbeat == null) {
                        return Mono.error(new PoisonMessageException("run report of rule " + ruleId + ", which is no heartbeat: "
                                + "its runs are reported by occurrence (ADR 0073)"));
                    }
                    return Flux.fromIterable(beatsAccountedFor(rule, heartbeat, at))
                            .concatMap(beat -> reports.record(beat.id().value(), at))
                            .then();
                });
    }

    /** The beats a report at {@code at} accounts for: those starting from its grace before it to one interval after it. */
    static List<Occurrence> beatsAccountedFor(StoredRule rule, Heartbeat heartbeat, Instant at) {
        Instant from = at.minus(Duration.ofSeconds(heartbeat.graceSeconds()));
        Instant until = at.plus(Duration.ofSeconds(heartbeat.intervalSeconds())).plusMillis(1);
        return rule.series().expand(from, until, MOST_BEATS).occurrences();
    }
}
