package dev.almanac.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class ContentEtagsApiTest extends ReadModelApiTest {

    static final String WINDOW = "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z";
    static final String DAY = "/api/v1/schedules/detailed?date=2026-12-01";

    /** Runs after the base class has emptied the read models. */
    @BeforeEach
    void oneItemOnOneCalendar() {
        readModels.given(oneItemOnCalA());
    }

    /** The calendar {@code cal-a} and an item on it in the first hour of {@link #WINDOW} and {@link #DAY}. */
    static AlmanacEvent[] oneItemOnCalA() {
        return new AlmanacEvent[] {ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")),
                ReadModelFixture.item("item-a", "cal-a", "run", Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1))};
    }

    @Test
    void anUnchangedViewIsNotSentAgainAndAChangedOneIs() {
        for (String view : new String[] {WINDOW, DAY, "/api/v1/calendars/cal-a/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z"}) {
            String etag = etagOf(view);
            client.get().uri(view).header("If-None-Match", etag)
                    .exchange()
                    .expectStatus().isNotModified()
                    .expectHeader().valueEquals("ETag", etag)
                    .expectBody().isEmpty();
            client.get().uri(view).header("If-None-Match", "\"another\"").exchange().expectStatus().isOk();
        }
        String windowBefore = etagOf(WINDOW);
        String dayBefore = etagOf(DAY);

        readModels.given(ReadModelFixture.item("item-b", "cal-a", "run", Instant.parse("2026-12-01T10:00:00Z"), Duration.ofHours(1)));

        client.get().uri(WINDOW).header("If-None-Match", windowBefore).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.summary.total_jobs").isEqualTo(2);
        client.get().uri(DAY).header("If-None-Match", dayBefore).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.total_jobs").isEqualTo(2);
        assertThat(etagOf(WINDOW)).isNotEqualTo(windowBefore);
    }

    /** A calendar, an item, a rule and a conflict: each answers its version as a quoted strong ETag, and 304 to it. */
    @Test
    void anEntityKeepsItsVersionAsItsEtag() {
        readModels.given(EventSamples.ruleCreated(), EventSamples.rulePaused(), EventSamples.conflictDetected());
        for (String[] entity : new String[][] {{"/api/v1/calendars/cal-a", "\"0\""}, {"/api/v1/schedules/item-a", "\"0\""},
                {"/api/v1/schedules/rules/" + EventSamples.NIGHTLY.value(), "\"1\""},
                {"/api/v1/conflicts/" + EventSamples.conflictDetected().conflictId().value(), "\"0\""}}) {
            client.get().uri(entity[0]).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("ETag", entity[1]);
            client.get().uri(entity[0]).header("If-None-Match", entity[1]).exchange()
                    .expectStatus().isNotModified()
                    .expectBody().isEmpty();
            client.get().uri(entity[0]).header("If-None-Match", "\"41\"").exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    void aProblemCarriesNoEtag() {
        client.get().uri("/api/v1/schedules/detailed?date=nope").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist("ETag");
    }

    private String etagOf(String uri) {
        String etag = client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).as(uri).matches("\"[0-9a-f]{32}\"");
        return etag;
    }
}
