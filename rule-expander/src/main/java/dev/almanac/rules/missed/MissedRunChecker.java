package dev.almanac.rules.missed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Finds missed runs (ADR 0023). Each pass reads from the store which rules are least checked, so any
 * replica can run it, and no timer lives only in memory: for each rule it looks up the run reports of
 * the occurrences that are due, publishes an {@code OccurrenceMissed} for each without one (and the
 * catch-up runs the rule's policy asks for), waits for every acknowledgement, and only then moves the
 * rule's check forward with a compare-and-set. Two replicas that check a rule at once publish the
 * same records (same {@code ce_id}s) at worst; a crash before the move means the next pass publishes
 * them again. A pass takes on at most {@code max-rules-per-pass} rules and, per rule, at most
 * {@code max-occurrences-per-pass} occurrences of its series.
 */
@Component
public class MissedRunChecker {

    public static final String MISSED = "almanac.rules.occurrences.missed";
    public static final String CAUGHT_UP = "almanac.rules.occurrences.caught_up";

    private static final Logger log = LoggerFactory.getLogger(MissedRunChecker.class);

    private final RuleStore store;
    private final RunReports reports;
    private final MissedRunPlanner planner;
    private final EventPublisher publisher;
    private final Clock clock;
    private final int maxRulesPerPass;
    private final Duration timeout;
    private final Counter missedCounter;
    private final Counter caughtUpCounter;
    private final MissedCheckHold hold;

    public MissedRunChecker(RuleStore store, RunReports reports, MissedRunPlanner planner, EventPublisher publisher, Clock clock,
                            MissedRunSettings settings, MaterialisationSettings materialisation, MeterRegistry registry) {
        this(store, reports, planner, publisher, clock, settings, materialisation, registry, new MissedCheckHold());
    }

    @Autowired
    public MissedRunChecker(RuleStore store, RunReports reports, MissedRunPlanner planner, EventPublisher publisher, Clock clock,
                            MissedRunSettings settings, MaterialisationSettings materialisation, MeterRegistry registry,
                            MissedCheckHold hold) {
        this.hold = hold;
        this.store = store;
        this.reports = reports;
        this.planner = planner;
        this.publisher = publisher;
        this.clock = clock;
        this.maxRulesPerPass = settings.maxRulesPerPass();
        this.timeout = materialisation.handlingTimeout();
        this.missedCounter = Counter.builder(MISSED).description("OccurrenceMissed events published and acknowledged").register(registry);
        this.caughtUpCounter = Counter.builder(CAUGHT_UP).description("Catch-up runs of missed occurrences published and acknowledged")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${almanac.rules.missed.check-interval:PT1M}",
            initialDelayString = "${almanac.rules.missed.check-interval:PT1M}")
    void onSchedule() {
        if (hold.held()) {
            return;
        }
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Missed-run check failed; the next pass starts again from the stored state", e);
        }
    }

    /** Runs one pass now. */
    public CheckPass check() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // A heartbeat's grace may be shorter than the check's, down to none (ADR 0073): every rule checked short of now is
        // taken on, and the planner decides by each rule's own grace what is due.
        List<StoredRule> due = store.dueForMissedCheck(now, maxRulesPerPass).collectList().timeout(timeout).block();
        CheckPass pass = CheckPass.NONE;
        for (StoredRule rule : due == null ? List.<StoredRule>of() : due) {
            pass = check(rule, now, pass);
        }
        if (pass.missed() > 0 || pass.failed() > 0) {
            log.info("Missed-run check at {}: {} rules checked, {} occurrences missed, {} caught up, {} rules failed", now, pass.rules(),
                    pass.missed(), pass.caughtUp(), pass.failed());
        }
        return pass;
    }

    private CheckPass check(StoredRule rule, Instant now, CheckPass pass) {
        try {
            MissedRunPlanner.CheckPage page = planner.candidates(rule, now);
            Set<OccurrenceId> reported = reports.reported(page.ids()).timeout(timeout).block();
            MissedRunPlanner.CheckResult result = planner.decide(rule, page, reported == null ? Set.of() : reported, now,
                    RuleOrigin.at(rule.origin(), now));
            List<CompletableFuture<?>> sends = new ArrayList<>();
            int caughtUp = 0;
            for (MissedRunPlanner.Missed missed : result.missed()) {
                if (missed.rerun() != null && missed.rerunMetadata() != null) {
                    sends.add(publisher.publish(missed.rerunMetadata(), missed.rerun()));
                    caughtUp++;
                }
                sends.add(publisher.publish(missed.metadata(), missed.event()));
            }
            int caughtUpHere = caughtUp;
            Mono.fromFuture(() -> CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                    // Sending may block while the producer's buffer is full; keep that off the MongoDB driver's threads.
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.defer(() -> store.recordMissedCheck(rule, result.after().checkedUntil(), result.after())))
                    .timeout(timeout)
                    .block();
            missedCounter.increment(result.missed().size());
            caughtUpCounter.increment(caughtUpHere);
            return pass.checked(result.missed().size(), caughtUpHere);
        } catch (RuntimeException e) {
            log.warn("Rule {} was not checked for missed runs; it is checked again on the next pass", rule.ruleId(), e);
            return pass.failedOne();
        }
    }
}
