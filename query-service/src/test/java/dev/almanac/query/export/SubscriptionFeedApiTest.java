package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.query.subscription.Subscription;
import dev.almanac.query.subscription.Subscriptions;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * A subscription's feed (ADR 0082): the calendar's export.ics by a secret token, without any Authorization header, with
 * the rights of the user it was issued to; 404 once revoked or for a token never issued, 400 for one that cannot be a token.
 */
@QueryApiTest
class SubscriptionFeedApiTest extends ReadModelApiTest {

    private static final String TOKEN = "q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL";

    @Autowired
    private Subscriptions subscriptions;

    @Test
    void theFeedAnswersTheCalendarByItsTokenAloneUntilItIsRevoked() {
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("Europe/Berlin")),
                ReadModelFixture.item("item-review", "cal-a", "meeting", Instant.now().plus(Duration.ofDays(2)), Duration.ofHours(1)));
        subscriptions.put(SubscriptionFeedController.sha256(TOKEN), new Subscription("sub-1", "cal-a", "ann", false, 0));

        String feed = client.get().uri("/api/v1/feeds/" + TOKEN + ".ics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(CalendarExportController.TEXT_CALENDAR)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(feed).contains("BEGIN:VCALENDAR", "UID:item-review@almanac");

        subscriptions.put(SubscriptionFeedController.sha256(TOKEN), new Subscription("sub-1", "cal-a", "ann", true, 1));
        subscriptions.put(SubscriptionFeedController.sha256(TOKEN), new Subscription("sub-1", "cal-a", "ann", false, 0));
        client.get().uri("/api/v1/feeds/" + TOKEN + ".ics").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
    }

    @Test
    void theFeedReadsWithItsUsersRightsAsTheyAreNow() {
        CalendarId calendar = CalendarId.of("cal-a");
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("Europe/Berlin")),
                new CalendarAccessGranted(calendar, UserId.of("ann"), CalendarRole.VIEWER, null));
        subscriptions.put(SubscriptionFeedController.sha256(TOKEN), new Subscription("sub-1", "cal-a", "ann", false, 0));
        client.get().uri("/api/v1/feeds/" + TOKEN + ".ics").exchange().expectStatus().isOk();

        readModels.given(new CalendarAccessGranted(calendar, UserId.of("bob"), CalendarRole.MANAGER, null),
                new CalendarAccessRevoked(calendar, UserId.of("ann"), null));

        client.get().uri("/api/v1/feeds/" + TOKEN + ".ics").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
    }

    @Test
    void aTokenNeverIssuedIsNotFoundAndOneThatCannotBeATokenIsAProblemNamingIt() {
        client.get().uri("/api/v1/feeds/" + TOKEN.replace('q', 'z') + ".ics").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
        client.get().uri("/api/v1/feeds/not-a-token.ics").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("token").jsonPath("$.errors[0].rule").isEqualTo("format");
    }
}
