package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotSummaryTest {

    @Test
    void survivesItsBinaryFormWithCountsSecondsAndTypesPerSlot() {
        SlotSummary summary = SlotSummary.builder()
                .add(0, "meeting", 900).add(0, "job", 60).add(37, "meeting", 3_600).add(95, "", 0).add(95, "job", 10_000_000_000L)
                .build();

        SlotSummary read = SlotSummary.fromBytes(summary.toBytes());

        assertThat(read).isEqualTo(summary);
        assertThat(read.count(0)).isEqualTo(2);
        assertThat(read.seconds(95)).isEqualTo(10_000_000_000L);
        assertThat(read.types()).containsExactly("", "job", "meeting");
        assertThat(read.typeCount(read.types().indexOf("meeting"), 37)).isEqualTo(1);
        assertThat(read.total()).isEqualTo(5);
    }

    /** A window for a caller who may not see some calendars takes their summaries away from the day's total. */
    @Test
    void takingAwayASummaryGivesWhatWasBuiltWithoutItAndDropsATypeLeftEmpty() {
        SlotSummary kept = SlotSummary.builder().add(0, "meeting", 900).add(37, "job", 60).build();
        SlotSummary hidden = SlotSummary.builder().add(0, "meeting", 1_800).add(12, "review", 3_600).add(37, "job", 60).build();

        SlotSummary shown = SlotSummary.builder().addAll(kept).addAll(hidden).subtractAll(hidden).build();

        assertThat(shown).isEqualTo(kept);
        assertThat(shown.types()).containsExactly("job", "meeting");
        assertThat(shown.toBytes()).isEqualTo(kept.toBytes());
    }

    @Test
    void isCompactAndTheSameWhateverOrderItWasBuiltIn() {
        SlotSummary.Builder forward = SlotSummary.builder();
        SlotSummary.Builder backward = SlotSummary.builder();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            forward.add(slot, slot % 2 == 0 ? "meeting" : "job", 900);
            backward.add(UtcSlots.PER_DAY - 1 - slot, (UtcSlots.PER_DAY - 1 - slot) % 2 == 0 ? "meeting" : "job", 900);
        }

        byte[] bytes = forward.build().toBytes();

        assertThat(bytes).isEqualTo(backward.build().toBytes());
        assertThat(bytes.length).isLessThan(UtcSlots.PER_DAY * 8);
    }

    @Test
    void addsUpSlotBySlot() {
        SlotSummary one = SlotSummary.builder().add(3, "meeting", 60).build();
        SlotSummary other = SlotSummary.builder().add(3, "job", 30).add(4, "job", 30).build();

        SlotSummary sum = one.plus(other);

        assertThat(sum.count(3)).isEqualTo(2);
        assertThat(sum.seconds(3)).isEqualTo(90);
        assertThat(sum.count(4)).isEqualTo(1);
        assertThat(SlotSummary.EMPTY.plus(one)).isEqualTo(one);
    }

    @Test
    void givesBackTheBytesItWasReadFromAndNoCallerCanChangeThem() {
        byte[] stored = SlotSummary.builder().add(5, "meeting", 900).add(70, "job", 60).build().toBytes();
        byte[] original = stored.clone();

        SlotSummary read = SlotSummary.fromBytes(stored);
        stored[stored.length - 1] = 99;
        read.toBytes()[0] = 42;

        assertThat(read.toBytes()).isEqualTo(original);
        assertThat(read.count(70)).isEqualTo(1);
    }
}
