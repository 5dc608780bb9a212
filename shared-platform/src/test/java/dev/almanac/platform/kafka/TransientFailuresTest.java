package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class TransientFailuresTest {

    @Test
    void outagesAreTransientWhereverTheyHideInTheCauseChain() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("wrapped", new TimeoutException()))).isTrue();
        assertThat(TransientFailures.isTransient(new NotEnoughReplicasException("isr"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new DataAccessResourceFailureException("down")))).isTrue();
    }

    @Test
    void poisonAndProgrammingErrorsAreNot() {
        assertThat(TransientFailures.isTransient(new PoisonMessageException("bad", new TimeoutException()))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(null)).isFalse();
    }
}
