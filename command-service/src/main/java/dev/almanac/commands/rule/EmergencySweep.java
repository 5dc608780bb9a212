package dev.almanac.commands.rule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.Identifiers;
import dev.almanac.events.rule.RuleId;

/**
 * Carries out the open emergency pause-all, page by page, on whichever replica claims it: pauses
 * (or, once undone, resumes) each rule of one page, then records the page's end as the sweep's
 * cursor, in the transaction that holds the emergency's row ({@code FOR UPDATE SKIP LOCKED}, so
 * one replica sweeps at a time). A crash repeats at most that page, and its commands change
 * nothing the second time (a paused rule is not paused again; a resume touches only rules still
 * paused by this emergency). 10,000 rules are 50 pages of 200, each a range read of the event
 * store's (aggregate, sequence) index; a tenant's emergency (multi-tenant mode) reads only its tenant's range of it.
 *
 * <p>The replica that opens or undoes an emergency sweeps at once ({@link #sweepSoon()}); the timed sweep
 * ({@code sweep-interval}, 30 s) only takes over a sweep whose replica stopped, so nothing queries the store each
 * second while no emergency is open (issue 75).
 */
@Component
class EmergencySweep {

    static final String EMERGENCY_REASON = "emergency pause-all";

    private final EmergencyPauses pauses;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final int pageSize;
    private final boolean sweepOnRequest;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("emergency-sweep-"));
    private final AtomicBoolean queued = new AtomicBoolean();

    EmergencySweep(EmergencyPauses pauses, CommandGateway commands, TransactionTemplate transactions,
                   @Value("${almanac.commands.emergency-pause.page-size:200}") int pageSize,
                   @Value("${almanac.commands.emergency-pause.sweep-on-request:true}") boolean sweepOnRequest) {
        this.pauses = pauses;
        this.commands = commands;
        this.transactions = transactions;
        this.pageSize = pageSize;
        this.sweepOnRequest = sweepOnRequest;
    }

    /** Sweeps on a thread of its own now that an emergency was opened or undone here; one queued sweep takes any number of calls. */
    void sweepSoon() {
        if (sweepOnRequest && queued.compareAndSet(false, true)) {
            soon.execute(() -> {
                queued.set(false);
                sweep();
            });
        }
    }

    @PreDestroy
    void stop() {
        soon.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${almanac.commands.emergency-pause.sweep-interval:PT30S}")
    void sweep() {
        boolean more = true;
        while (more) {
            more = Boolean.TRUE.equals(transactions.execute(status -> sweepOnePage()));
        }
    }

    /** @return whether a page was swept, so that another, of this emergency or another tenant's, may follow */
    boolean sweepOnePage() {
        return pauses.claimSweep().map(pause -> {
            List<String> streams = pauses.rulesAfter(pause.tenant(), pause.cursor(), pageSize);
            boolean pausing = pause.phase().equals(EmergencyPauses.PAUSING);
            // Every pause (or resume) of one emergency shares its id as correlation, whichever replica sweeps the page.
            Map<String, Object> metadata = new CommandMetadata(pausing ? pause.requestedBy()
                    : pause.resumeRequestedBy() == null ? pause.requestedBy() : pause.resumeRequestedBy(), null,
                    Identifiers.isValid(pause.id()) ? pause.id() : null).asMap();
            int changed = 0;
            for (String stream : streams) {
                RuleId ruleId = RuleId.of(stream.substring("rule:".length()));
                Object command = pausing
                        ? new EmergencyPauseRule(ruleId, pause.id(), pause.reason() == null ? EMERGENCY_REASON : pause.reason())
                        : new EmergencyResumeRule(ruleId, pause.id());
                if (Boolean.TRUE.equals(commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata)))) {
                    changed++;
                }
            }
            boolean finished = streams.size() < pageSize;
            pauses.advance(pause, streams.isEmpty() ? pause.cursor() : streams.get(streams.size() - 1), changed, finished);
            // Another tenant's emergency may be sweeping too: the next claim finds it, or that none is left.
            return true;
        }).orElse(false);
    }
}
