package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "[{0}] allows gzip: {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip, deflate, br, zstd | true",
            "br;q=1.0, gzip;q=0.8, *;q=0.1 | true",
            "GZIP | true",
            "x-gzip | true",
            "gzip ; q=0.001 | true",
            "* | true",
            "identity | false",
            "deflate, br | false",
            "gzip;q=0 | false",
            "gzip;q=0.000, * | false",
            "*;q=0 | false",
            "*, gzip;q=0 | false",
            "gzip;q=2 | false",
            "gzip;q=high | false",
            "gzips | false",
            "'' | false"})
    void allowsGzipOnlyWhereTheRequestSaysSo(String header, boolean allowed) {
        assertThat(AcceptEncoding.allowsGzip(List.of(header))).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"deflate | gzip;q=0.5 | true", "gzip;q=0 | * | false", "identity | br | false"})
    void readsEveryValueOfARepeatedHeader(String first, String second, boolean allowed) {
        assertThat(AcceptEncoding.allowsGzip(List.of(first, second))).isEqualTo(allowed);
    }

    @Test
    void withoutTheHeaderTheBodyGoesAsItIs() {
        assertThat(AcceptEncoding.allowsGzip(List.of())).isFalse();
    }
}
