package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapKeysTest {

    @Test
    void encodesDotsPercentsAndALeadingDollarReversibly() {
        for (String id : new String[] {"item-1", "item.7", "a.b.c", "50%", "%2E", "$weird", "x$y", "job_12345:v1.2"}) {
            String key = MapKeys.encode(id);

            assertThat(key).doesNotContain(".").doesNotStartWith("$");
            assertThat(MapKeys.decode(key)).isEqualTo(id);
        }
        assertThat(MapKeys.encode("item-1")).isEqualTo("item-1");
        assertThat(MapKeys.encode("item.7")).isEqualTo("item%2E7");
    }
}
