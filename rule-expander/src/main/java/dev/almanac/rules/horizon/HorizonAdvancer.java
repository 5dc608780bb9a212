package dev.almanac.rules.horizon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.almanac.rules.materialisation.Materialisation;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationResult;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Trigger;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Keeps every active rule materialised up to now plus the horizon. Each pass reads from the store
 * which rules are behind, so any replica can run it; two replicas that run it at once publish
 * identical records at worst, and the compare-and-set on {@code materialised_until} never moves a
 * rule backwards. A pass takes on at most {@code maxRulesPerPass} rules, the furthest behind
 * first, and publishes at most {@code maxOccurrencesPerPass} occurrences per rule. It leaves a rule
 * whose pass is under way in this process (its first, say) to that pass. Paused and
 * deleted rules are not advanced; a pause whose {@code resume_after} has passed is ended first.
 */
@Component
public class HorizonAdvancer {

    private static final Logger log = LoggerFactory.getLogger(HorizonAdvancer.class);

    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final Materialiser materialiser;
    private final Clock clock;
    private final HorizonMetrics metrics;
    private final int maxRulesPerPass;
    private final Duration timeout;

    public HorizonAdvancer(RuleStore store, MaterialisationPlanner planner, Materialiser materialiser, Clock clock,
                           HorizonMetrics metrics, MaterialisationSettings settings) {
        this.store = store;
        this.planner = planner;
        this.materialiser = materialiser;
        this.clock = clock;
        this.metrics = metrics;
        this.maxRulesPerPass = settings.maxRulesPerPass();
        this.timeout = settings.handlingTimeout();
    }

    @Scheduled(fixedDelayString = "${almanac.rules.horizon-advance-interval:PT1M}",
            initialDelayString = "${almanac.rules.horizon-advance-interval:PT1M}")
    void onSchedule() {
        try {
            advance();
        } catch (RuntimeException e) {
            log.warn("Horizon-advance pass failed; the next pass starts again from the stored state", e);
        }
    }

    /** Runs one pass now. */
    public AdvancePass advance() {
        Instant now = clock.instant();
        Instant horizonEnd = planner.horizonEnd(now);
        Timer.Sample sample = metrics.startPass();
        try {
            resumeLapsedPauses(now);
            List<StoredRule> behind = store.behind(horizonEnd, maxRulesPerPass).collectList().timeout(timeout).block();
            AdvancePass pass = AdvancePass.NONE;
            for (StoredRule rule : behind == null ? List.<StoredRule>of() : behind) {
                pass = advance(rule, now, pass);
            }
            measureLag(horizonEnd);
            if (pass.published() > 0 || pass.failed() > 0) {
                log.info("Horizon advanced to {}: {} rules moved, {} occurrences published, {} rules failed",
                        horizonEnd, pass.rules(), pass.published(), pass.failed());
            }
            return pass;
        } finally {
            metrics.stopPass(sample);
        }
    }

    /**
     * A pause with a {@code resume_after} ends when it passes, without an event: this pass reads
     * which pauses have lapsed from the store, so any replica ends them, and the query below then
     * finds them behind like any active rule.
     */
    private void resumeLapsedPauses(Instant now) {
        List<StoredRule> lapsed = store.dueToResume(now, maxRulesPerPass).collectList().timeout(timeout).block();
        for (StoredRule rule : lapsed == null ? List.<StoredRule>of() : lapsed) {
            try {
                // Published while the rule still reads as paused: if this fails, the next pass finds the pause lapsed and publishes them again.
                Optional<Materialisation> late = planner.forLapsedPause(rule, now);
                if (late.isPresent()) {
                    materialiser.materialise(late.get(), Trigger.HORIZON_ADVANCE).timeout(timeout).block();
                }
                if (Boolean.TRUE.equals(store.resumeLapsedPause(rule).timeout(timeout).block())) {
                    log.info("Rule {} resumed: its pause ended at {}", rule.ruleId(), rule.resumeAfter());
                }
            } catch (RuntimeException e) {
                log.warn("Rule {} was not resumed; its pause is ended on the next pass", rule.ruleId(), e);
            }
        }
    }

    private AdvancePass advance(StoredRule rule, Instant now, AdvancePass pass) {
        if (materialiser.hasPassUnderWay(rule.ruleId())) {
            // It still reads as behind until that pass is acknowledged; the next pass finds it where that one left it.
            return pass;
        }
        try {
            Optional<Materialisation> planned = planner.forHorizonAdvance(rule, now);
            if (planned.isEmpty()) {
                return pass;
            }
            MaterialisationResult result = materialiser.materialise(planned.get(), Trigger.HORIZON_ADVANCE).timeout(timeout).block();
            return result == null ? pass : pass.advanced(result.published());
        } catch (RuntimeException e) {
            log.warn("Rule {} was not advanced; it stays behind for the next pass", rule.ruleId(), e);
            return pass.failedOne();
        }
    }

    private void measureLag(Instant horizonEnd) {
        Instant earliest = store.earliestMaterialisedUntil().timeout(timeout).block();
        metrics.lag(earliest == null ? Duration.ZERO : Duration.between(earliest, horizonEnd));
    }
}
