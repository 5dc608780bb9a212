package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The content-line writer that writes export.ics (ADR 0082): its date-times as RFC 5545 writes them, its lines folded as written. */
class ContentLinesTest {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T09:05:07Z", "0999-01-09T00:00:00Z", "9999-12-31T23:59:59Z", "2027-03-14T07:30:00.999Z"})
    void writesDateTimesInTheBasicFormatOfWholeSeconds(String text) {
        Instant instant = Instant.parse(text);
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);

        assertThat(ContentLines.utc(instant)).isEqualTo(BASIC.format(utc) + "Z");
        assertThat(ContentLines.local(utc.withNano(0))).isEqualTo(BASIC.format(utc));
        assertThat(new ContentLines().utc("DTSTART", instant)).hasToString("DTSTART:" + BASIC.format(utc) + "Z\r\n");
    }

    @Test
    void foldsEachLineAsItIsWrittenExactlyAsTheDocumentIsFolded() {
        String summary = "Réunion trimestrielle — 日本語の議題 — ".repeat(4) + "🗓️ tomorrow, at 10";
        ContentLines lines = new ContentLines().text("SUMMARY", summary).line("UID", "item-1@almanac");

        String written = lines.toString();

        assertThat(written).isEqualTo(ICalendarFeed.folded("SUMMARY:" + ContentLines.escaped(summary) + "\r\nUID:item-1@almanac\r\n"));
        List<String> folded = List.of(written.split("\r\n"));
        assertThat(folded).hasSizeGreaterThan(3).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(75));
        assertThat(String.join("", folded.stream().map(line -> line.startsWith(" ") ? line.substring(1) : "\n" + line).toList()))
                .isEqualTo("\nSUMMARY:" + ContentLines.escaped(summary) + "\nUID:item-1@almanac");
    }

    @Test
    void escapesTextAndLeavesPlainTextAsItIs() {
        String plain = "Quarterly review";

        assertThat(ContentLines.escaped(plain)).isSameAs(plain);
        assertThat(ContentLines.escaped("a;b,c\\d\r\ne")).isEqualTo("a\\;b\\,c\\\\d\\ne");
    }
}
