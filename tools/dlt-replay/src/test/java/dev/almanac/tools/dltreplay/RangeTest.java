package dev.almanac.tools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void saysWhichRecordsWereReadNotWhichOffsetsWerePassed() {
        Range range = Range.of(null, 0, 4, null, null);

        range.read(2);
        range.reached(4);
        range.committed(4);

        assertThat(range.describe("almanac-dlt-replay", false))
                .isEqualTo("read 1 record at offsets 2-2; group almanac-dlt-replay moved from no position to 4");
    }

    @Test
    void aRangeOfMarkersAloneSaysSo() {
        Range range = Range.of(3L, 0, 5, null, null);

        range.reached(5);

        assertThat(range.describe("almanac-dlt-replay", true))
                .isEqualTo("read no records: offsets 3-4 hold transaction markers or aborted records;"
                        + " group almanac-dlt-replay left at position 3 (dry run)");
    }

    @Test
    void anEmptyRangeHasNothingToRead() {
        assertThat(Range.of(5L, 0, 5, null, null).describe("almanac-dlt-replay", false))
                .isEqualTo("nothing to read; group almanac-dlt-replay left at position 5");
    }
}
