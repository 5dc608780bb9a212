package dev.almanac.platform.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.recurrence.SeriesExceptions;

class RecurrenceDocumentsTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-12-03T11:00:00Z");

    @Test
    void anRruleKeepsItsLocalTimesAsIsoTextAndReadsBackTheSame() {
        RecurrenceRule rrule = new RecurrenceRule("FREQ=WEEKLY;BYDAY=MO", LocalDateTime.parse("2026-03-29T02:30"),
                List.of(LocalDateTime.parse("2026-04-06T02:30")), List.of(LocalDateTime.parse("2026-04-08T09:00")));

        Document document = RecurrenceDocuments.rrule(rrule);

        assertThat(document).isEqualTo(new Document("rrule", "FREQ=WEEKLY;BYDAY=MO").append("dtstart", "2026-03-29T02:30")
                .append("exdates", List.of("2026-04-06T02:30")).append("rdates", List.of("2026-04-08T09:00")));
        assertThat(RecurrenceDocuments.rrule(document)).isEqualTo(rrule);
    }

    @Test
    void aRuleScheduledByItsCronHasNoRrule() {
        assertThat(RecurrenceDocuments.rrule((RecurrenceRule) null)).isNull();
        assertThat(RecurrenceDocuments.rrule((Document) null)).isNull();
    }

    @Test
    void exceptionsAreDatesInOrderAndReadBackTheSame() {
        SeriesExceptions exceptions = new SeriesExceptions(Set.of(TEN, NINE), Map.of(ELEVEN, TEN), ELEVEN);

        Document fields = RecurrenceDocuments.presentFields(exceptions);

        assertThat(fields).isEqualTo(new Document(RecurrenceDocuments.CANCELLED, List.of(Date.from(NINE), Date.from(TEN)))
                .append(RecurrenceDocuments.MOVED, List.of(new Document("r", Date.from(ELEVEN)).append("s", Date.from(TEN))))
                .append(RecurrenceDocuments.ENDS_AT, Date.from(ELEVEN)));
        Document rule = new Document("_id", "rule-nightly").append("name", "Nightly");
        rule.putAll(fields);
        assertThat(RecurrenceDocuments.exceptions(rule)).isEqualTo(exceptions);
    }

    @Test
    void aSeriesWithoutExceptionsWritesNoFieldAndReadsAsNone() {
        assertThat(RecurrenceDocuments.presentFields(SeriesExceptions.NONE)).isEmpty();
        assertThat(RecurrenceDocuments.exceptions(new Document("_id", "rule-nightly"))).isSameAs(SeriesExceptions.NONE);
        assertThat(RecurrenceDocuments.exceptions(new Document(RecurrenceDocuments.CANCELLED, List.of())
                .append(RecurrenceDocuments.MOVED, List.of()).append(RecurrenceDocuments.ENDS_AT, null))).isSameAs(SeriesExceptions.NONE);
    }

    @Test
    void onlyWhatASeriesHoldsIsWritten() {
        SeriesExceptions ended = SeriesExceptions.NONE.endingAt(ELEVEN);

        assertThat(RecurrenceDocuments.presentFields(ended)).containsOnlyKeys(RecurrenceDocuments.ENDS_AT);
        assertThat(RecurrenceDocuments.cancelled(ended)).isEmpty();
        assertThat(RecurrenceDocuments.moved(ended)).isEmpty();
    }
}
