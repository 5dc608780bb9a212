package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewestWinsTest {

    record Copy(String text, long version) implements Versioned {
    }

    @Test
    void aNewerCopyReplacesAnOlderOneAndNotTheOtherWayRound() {
        NewestWins<Copy> held = NewestWins.<Copy>none().place("e", new Copy("v2", 2));

        assertThat(held.place("e", new Copy("v1", 1))).isEqualTo(held);
        assertThat(held.place("e", new Copy("v3", 3)).present()).containsEntry("e", new Copy("v3", 3));
    }

    @Test
    void aWithdrawalKeepsOutEveryCopyThatIsNotNewerThanIt() {
        NewestWins<Copy> withdrawn = NewestWins.<Copy>none().place("e", new Copy("v1", 1)).withdraw("e", 2);

        assertThat(withdrawn.present()).isEmpty();
        assertThat(withdrawn.withdrawn()).containsEntry("e", 2L);
        assertThat(withdrawn.place("e", new Copy("late v1", 1))).isEqualTo(withdrawn);
        assertThat(withdrawn.place("e", new Copy("same v2", 2))).isEqualTo(withdrawn);
        assertThat(withdrawn.place("e", new Copy("v3", 3)).present()).containsOnlyKeys("e");
        assertThat(withdrawn.place("e", new Copy("v3", 3)).withdrawn()).isEmpty();
    }

    @Test
    void theOrderOfPlacementsAndWithdrawalsDoesNotMatter() {
        NewestWins<Copy> one = NewestWins.<Copy>none().place("e", new Copy("v1", 1)).withdraw("e", 2).place("f", new Copy("f", 1));
        NewestWins<Copy> other = NewestWins.<Copy>none().place("f", new Copy("f", 1)).withdraw("e", 2).place("e", new Copy("v1", 1));

        assertThat(one).isEqualTo(other);
    }
}
