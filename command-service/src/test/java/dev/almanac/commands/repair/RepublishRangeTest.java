package dev.almanac.commands.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RepublishRangeTest {

    private static final Instant NINE = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aRangeNeedsABoundOrAnAggregateSoThatNobodyRepublishesTheWholeStoreByLeavingFieldsOut() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(null, null, null, null, null))
                .withMessageStartingWith("fromSequence, from or aggregateId");
        assertThat(new RepublishRange(null, null, null, null, "item:itm-1").bySequence()).isFalse();
        assertThat(new RepublishRange(1L, null, null, null, null).bySequence()).isTrue();
    }

    @Test
    void badBoundsAreRefusedNamingTheFieldAndTheRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(0L, null, null, null, null))
                .withMessageStartingWith("fromSequence: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(5L, 2L, null, null, null))
                .withMessageStartingWith("toSequence: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(null, null, NINE, NINE, null))
                .withMessageStartingWith("to: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(1L, null, NINE, null, null))
                .withMessageContaining("not both");
        assertThatIllegalArgumentException().isThrownBy(() -> new RepublishRange(null, null, NINE, null, " "))
                .withMessageStartingWith("aggregateId: ");
    }

    @Test
    void aTimeRangeHoldsItsStartAndNotItsEnd() {
        RepublishRange hour = new RepublishRange(null, null, NINE, NINE.plusSeconds(3600), null);

        assertThat(hour.holdsTime(NINE)).isTrue();
        assertThat(hour.holdsTime(NINE.plusSeconds(3599))).isTrue();
        assertThat(hour.holdsTime(NINE.plusSeconds(3600))).isFalse();
        assertThat(hour.holdsTime(NINE.minusSeconds(1))).isFalse();
    }
}
