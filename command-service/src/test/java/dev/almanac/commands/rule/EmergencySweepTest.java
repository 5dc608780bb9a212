package dev.almanac.commands.rule;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The replica that takes an emergency request sweeps at once rather than at its next timed sweep. */
class EmergencySweepTest {

    private final EmergencyPauses pauses = mock(EmergencyPauses.class);
    private EmergencySweep sweep;

    @AfterEach
    void stop() {
        sweep.stop();
    }

    @Test
    void aRequestStartsASweepAtOnce() {
        sweep = sweep(true);

        sweep.sweepSoon();

        verify(pauses, timeout(5_000)).claimSweep();
    }

    @Test
    void withSweepOnRequestOffOnlyTheTimerSweeps() {
        sweep = sweep(false);

        sweep.sweepSoon();

        verify(pauses, after(500).never()).claimSweep();
    }

    private EmergencySweep sweep(boolean onRequest) {
        when(pauses.claimSweep()).thenReturn(Optional.empty());
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        return new EmergencySweep(pauses, mock(CommandGateway.class), new TransactionTemplate(transactions), 200, onRequest);
    }
}
