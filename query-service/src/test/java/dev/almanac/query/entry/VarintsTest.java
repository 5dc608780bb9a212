package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class VarintsTest {

    private static final long[] EDGES = {0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, Integer.MAX_VALUE, 1L << 35, Long.MAX_VALUE};

    @Test
    void readsBackEveryNumberAndStringWrittenPastItsFirstBuffer() {
        Varints.Writer out = new Varints.Writer(1);
        for (long value : EDGES) {
            out.writeLong(value);
        }
        out.writeByte(0xFE).writeBytes("Kathmandu +05:45 ✓".getBytes(StandardCharsets.UTF_8)).writeBytes(new byte[0]);

        Varints.Reader in = new Varints.Reader(out.toByteArray());

        for (long value : EDGES) {
            assertThat(in.readLong()).isEqualTo(value);
        }
        assertThat(in.readByte()).isEqualTo(0xFE);
        assertThat(in.readString()).isEqualTo("Kathmandu +05:45 ✓");
        assertThat(in.readString()).isEmpty();
    }

    @Test
    void writesSevenBitsAByteLowFirst() {
        assertThat(new Varints.Writer(4).writeLong(300).toByteArray()).containsExactly(0xAC, 0x02);
        assertThat(new Varints.Writer(4).writeLong(Long.MAX_VALUE).toByteArray()).hasSize(9);
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Varints.Writer(4).writeLong(-1)).withMessageContaining("-1");
    }
}
