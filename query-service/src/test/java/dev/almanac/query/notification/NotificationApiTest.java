package dev.almanac.query.notification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification centre's API: the caller's own notifications, unread first, paged, marked read and acknowledged. */
@QueryApiTest
class NotificationApiTest extends ReadModelApiTest {

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @Autowired
    Notifications notifications;

    @Autowired
    NotificationPreferencesStore preferences;

    /** A notification for {@code user} of a fact {@code fact}, {@code minutes} after T0. */
    private static NotificationRaised raised(String user, String fact, int minutes, NotificationCategory category) {
        NotificationRaised sample = EventSamples.notificationRaised();
        UserId recipient = UserId.of(user);
        return new NotificationRaised(NotificationId.of(fact, recipient), recipient, sample.kind(), category, "Title " + fact,
                sample.summary(), sample.source(), sample.owner(), sample.calendarId(), sample.links(), sample.actions(),
                T0.plusSeconds(60L * minutes));
    }

    private WebTestClient.RequestHeadersSpec<?> get(String user, String uri, Object... variables) {
        return client.get().uri(uri, variables).header("X-Almanac-User", user);
    }

    private WebTestClient.RequestHeadersSpec<?> post(String user, String uri, Object... variables) {
        return client.post().uri(uri, variables).header("X-Almanac-User", user);
    }

    @Test
    void listsTheCallersOwnNotificationsUnreadFirstEachNewestFirstWithTheirActions() {
        NotificationRaised older = raised(ALICE, "fact-1", 1, NotificationCategory.CRITICAL);
        NotificationRaised newer = raised(ALICE, "fact-2", 2, NotificationCategory.NORMAL);
        NotificationRaised newest = raised(ALICE, "fact-3", 3, NotificationCategory.LOW);
        notifications.add(List.of(older, newer, newest, raised(BOB, "fact-1", 1, NotificationCategory.CRITICAL)));
        post(ALICE, "/api/v1/notifications/{id}/read", newest.notificationId().value()).exchange().expectStatus().isOk();

        get(ALICE, "/api/v1/notifications").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notifications.length()").isEqualTo(3)
                .jsonPath("$.notifications[0].id").isEqualTo(newer.notificationId().value())
                .jsonPath("$.notifications[1].id").isEqualTo(older.notificationId().value())
                .jsonPath("$.notifications[2].id").isEqualTo(newest.notificationId().value())
                .jsonPath("$.notifications[2].status").isEqualTo("read")
                .jsonPath("$.notifications[1].status").isEqualTo("unread")
                .jsonPath("$.notifications[1].kind").isEqualTo("run_missed")
                .jsonPath("$.notifications[1].category").isEqualTo("critical")
                .jsonPath("$.notifications[1].owner").isEqualTo("platform-team")
                .jsonPath("$.notifications[1].source.event_type").isEqualTo("dev.almanac.occurrence.OccurrenceMissed.v1")
                .jsonPath("$.notifications[1].links[0].href").isEqualTo("/api/v1/schedules/rules/rule-nightly")
                .jsonPath("$.notifications[1].actions[0].name").isEqualTo("approve_and_run")
                .jsonPath("$.notifications[1].actions[0].method").isEqualTo("POST")
                .jsonPath("$.notifications[1].actions[0].body.action").isEqualTo("approve_backfill_run")
                .jsonPath("$.unread_count").isEqualTo(2)
                .jsonPath("$.next_cursor").doesNotExist();
        get(BOB, "/api/v1/notifications").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notifications.length()").isEqualTo(1)
                .jsonPath("$.unread_count").isEqualTo(1);
    }

    @Test
    void pagesByCursorThroughEveryNotificationOnce() {
        List<NotificationRaised> many = new ArrayList<>();
        for (int minute = 0; minute < 7; minute++) {
            many.add(raised(ALICE, "fact-" + minute, minute, NotificationCategory.NORMAL));
        }
        notifications.add(many);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String uri = cursor == null ? "/api/v1/notifications?limit=3" : "/api/v1/notifications?limit=3&cursor=" + cursor;
            NotificationPage page = get(ALICE, uri).exchange().expectStatus().isOk()
                    .expectBody(NotificationPage.class).returnResult().getResponseBody();
            page.notifications().forEach(notification -> seen.add(notification.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(many.stream().map(raised -> raised.notificationId().value()).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filtersByCategoryAndStatusAndCountsTheUnreadByCategory() {
        NotificationRaised critical = raised(ALICE, "fact-c", 1, NotificationCategory.CRITICAL);
        NotificationRaised low = raised(ALICE, "fact-l", 2, NotificationCategory.LOW);
        NotificationRaised acknowledged = raised(ALICE, "fact-a", 3, NotificationCategory.CRITICAL);
        notifications.add(List.of(critical, low, acknowledged));
        post(ALICE, "/api/v1/notifications/{id}/acknowledge", acknowledged.notificationId().value()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("acknowledged")
                .jsonPath("$.read_at").exists()
                .jsonPath("$.acknowledged_at").exists();

        get(ALICE, "/api/v1/notifications?category=critical").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notifications[*].id").isEqualTo(List.of(critical.notificationId().value(), acknowledged.notificationId().value()));
        get(ALICE, "/api/v1/notifications?status=unread").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notifications[*].id").isEqualTo(List.of(low.notificationId().value(), critical.notificationId().value()));
        get(ALICE, "/api/v1/notifications/unread-count").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.unread").isEqualTo(2)
                .jsonPath("$.critical").isEqualTo(1)
                .jsonPath("$.normal").isEqualTo(0)
                .jsonPath("$.low").isEqualTo(1);
    }

    @Test
    void markingReadTwiceKeepsTheFirstTime() {
        NotificationRaised one = raised(ALICE, "fact-1", 1, NotificationCategory.CRITICAL);
        notifications.add(List.of(one));
        clock.pin(T0.plusSeconds(3600));
        post(ALICE, "/api/v1/notifications/{id}/read", one.notificationId().value()).exchange().expectStatus().isOk();
        clock.pin(T0.plusSeconds(7200));
        post(ALICE, "/api/v1/notifications/{id}/read", one.notificationId().value()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.read_at").isEqualTo("2026-12-02T09:00:00Z");
    }

    @Test
    void aRedeliveredNotificationIsListedOnce() {
        NotificationRaised one = raised(ALICE, "fact-1", 1, NotificationCategory.CRITICAL);
        assertThat(notifications.add(List.of(one))).hasSize(1);
        assertThat(notifications.add(List.of(one, one))).isEmpty();

        get(ALICE, "/api/v1/notifications").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notifications.length()").isEqualTo(1);
    }

    @Test
    void aUserCannotReadNorMarkAnotherUsersNotification() {
        NotificationRaised alices = raised(ALICE, "fact-1", 1, NotificationCategory.CRITICAL);
        notifications.add(List.of(alices));
        String id = alices.notificationId().value();

        get(BOB, "/api/v1/notifications/{id}", id).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        post(BOB, "/api/v1/notifications/{id}/read", id).exchange().expectStatus().isNotFound();
        post(BOB, "/api/v1/notifications/{id}/acknowledge", id).exchange().expectStatus().isNotFound();
        get(BOB, "/api/v1/notifications").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notifications.length()").isEqualTo(0);

        get(ALICE, "/api/v1/notifications/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("unread");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndTheRule() {
        Map<String, String> refused = Map.of(
                "/api/v1/notifications?category=urgent", "category one_of",
                "/api/v1/notifications?status=deleted", "status one_of",
                "/api/v1/notifications?limit=0", "limit range",
                "/api/v1/notifications?limit=51", "limit range",
                "/api/v1/notifications?cursor=bm90LWEtY3Vyc29y", "cursor format",
                "/api/v1/notifications?cursor=%25%25", "cursor format",
                "/api/v1/notifications/bad%20id", "id format");
        refused.forEach((uri, expected) -> {
            String[] fieldAndRule = expected.split(" ");
            client.get().uri(java.net.URI.create(uri)).header("X-Almanac-User", ALICE).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo(fieldAndRule[0])
                    .jsonPath("$.errors[0].rule").isEqualTo(fieldAndRule[1]);
        });
        post(ALICE, "/api/v1/notifications/{id}/read", "no-such-notification").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @Test
    void everyTypeOfItsTopicIsDecidedFromItsWireSample() {
        EventDecider<NotificationRaised> decider = EventDecider.of("query-service/notifications", new NotificationProjector());
        for (EventType type : EventCatalog.onTopic(Topics.NOTIFICATIONS)) {
            assertThat(decider.decide(WireSamples.received(type))).as(type.ceType()).isInstanceOf(Decision.Handle.class);
        }
        assertThat(decider.decide(WireSamples.received(NotificationRaised.class)))
                .isEqualTo(Decision.handle(EventSamples.notificationRaised()));
    }

    @Test
    void aNotificationShowsItsDeliveryHistoryEvenWhenALineCameBeforeIt() {
        NotificationRaised failed = raised(ALICE, "fact-delivery", 1, NotificationCategory.CRITICAL);
        String id = failed.notificationId().value();
        NotificationDeliveryRecorded held = new NotificationDeliveryRecorded(failed.notificationId(), failed.recipient(),
                DeliveryOutcome.HELD, "d-1", DeliveryChannel.WEBHOOK, "quiet_hours 22:00-07:00 Europe/Berlin", T0.plusSeconds(3600), null, 0,
                null, T0.plusSeconds(61));
        notifications.recordDeliveries(List.of(held));
        notifications.add(List.of(failed));
        NotificationDeliveryRecorded attempt = new NotificationDeliveryRecorded(failed.notificationId(), failed.recipient(),
                DeliveryOutcome.ATTEMPT_FAILED, "d-1", DeliveryChannel.WEBHOOK, null, null, null, 1, "IOException: the webhook answered 500",
                T0.plusSeconds(3601));
        NotificationDeliveryRecorded dead = new NotificationDeliveryRecorded(failed.notificationId(), failed.recipient(),
                DeliveryOutcome.DEAD_LETTERED, "d-1", DeliveryChannel.WEBHOOK, null, null, null, 2, "IOException: the webhook answered 500",
                T0.plusSeconds(3603));
        notifications.recordDeliveries(List.of(attempt, dead, dead));

        get(ALICE, "/api/v1/notifications/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.deliveries.length()").isEqualTo(3)
                .jsonPath("$.deliveries[0].outcome").isEqualTo("held")
                .jsonPath("$.deliveries[0].until").isEqualTo("2026-12-02T09:00:00Z")
                .jsonPath("$.deliveries[0].policy").isEqualTo("quiet_hours 22:00-07:00 Europe/Berlin")
                .jsonPath("$.deliveries[1].outcome").isEqualTo("attempt_failed")
                .jsonPath("$.deliveries[2].outcome").isEqualTo("dead_lettered")
                .jsonPath("$.deliveries[2].attempt").isEqualTo(2)
                .jsonPath("$.deliveries[2].channel").isEqualTo("webhook")
                .jsonPath("$.deliveries[2].detail").isEqualTo("IOException: the webhook answered 500");
        get(ALICE, "/api/v1/notifications").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notifications[?(@.id == '" + id + "')].deliveries.length()").isEqualTo(3);
    }

    @Test
    void theCallerReadsTheirOwnPreferencesWithoutTheSecretAndALaterVersionIsNeverUndone() {
        NotificationPreferencesSet sample = EventSamples.notificationPreferencesSet();
        NotificationPreferencesSet mine = new NotificationPreferencesSet(UserId.of(ALICE), sample.zone(), ALICE, sample.webhook(),
                sample.channels(), sample.quietHours(), sample.digestWindowMinutes(), sample.suppress());
        get(ALICE, "/api/v1/notification-preferences").exchange().expectStatus().isNotFound();
        preferences.put(mine, 1);
        preferences.put(new NotificationPreferencesSet(UserId.of(ALICE), "UTC", null, null, List.of(), null, 0, List.of()), 0);
        get(ALICE, "/api/v1/notification-preferences").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.zone").isEqualTo("Europe/Berlin")
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.webhook.secret_set").isEqualTo(true)
                .jsonPath("$.webhook.sealed_secret").doesNotExist()
                .jsonPath("$.channels.critical[2]").isEqualTo("webhook")
                .jsonPath("$.quiet_hours.start").isEqualTo("22:00")
                .jsonPath("$.digest.window_minutes").isEqualTo(10)
                .jsonPath("$.suppress[0].category").isEqualTo("low");
        get(BOB, "/api/v1/notification-preferences").exchange().expectStatus().isNotFound();
    }

    @Test
    void aCalendarsPolicyIsReadByThoseWithARoleOnItAndALaterVersionIsNeverUndone() {
        CalendarId closed = CalendarId.of("cal-policy-closed");
        readModels.given(new CalendarCreated(closed, "Ops", CalendarType.DEPARTMENT, ZoneOffset.UTC, 1, OverbookingPolicy.ALLOW, null, null,
                null), new CalendarAccessGranted(closed, UserId.of(ALICE), CalendarRole.VIEWER, null));
        get(ALICE, "/api/v1/calendars/{id}/notification-policy", closed.value()).exchange().expectStatus().isNotFound();

        preferences.put(new CalendarNotificationPolicySet(closed, List.of(NotificationCategory.NORMAL, NotificationCategory.LOW), "quiet week"), 1);
        preferences.put(new CalendarNotificationPolicySet(closed, List.of(), null), 0);
        get(ALICE, "/api/v1/calendars/{id}/notification-policy", closed.value()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(closed.value())
                .jsonPath("$.suppress[0]").isEqualTo("normal")
                .jsonPath("$.suppress[1]").isEqualTo("low")
                .jsonPath("$.reason").isEqualTo("quiet week")
                .jsonPath("$.version").isEqualTo(1);
        // Bob has no role on it: it answers as a calendar without a policy (ADR 0086).
        get(BOB, "/api/v1/calendars/{id}/notification-policy", closed.value()).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        get(ALICE, "/api/v1/calendars/{id}/notification-policy", "not a calendar").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void everyTypeOfTheDeliveryAndPreferenceTopicsIsDecidedFromItsWireSample() {
        EventDecider<NotificationDeliveryRecorded> deliveries = EventDecider.of("query-service/notification-deliveries", new DeliveryHistoryProjector());
        for (EventType type : EventCatalog.onTopic(Topics.NOTIFICATION_DELIVERIES)) {
            assertThat(deliveries.decide(WireSamples.received(type))).as(type.ceType()).isInstanceOf(Decision.Handle.class);
        }
        assertThat(EventCatalog.onTopic(Topics.NOTIFICATION_PREFERENCES)).isNotEmpty().allSatisfy(type ->
                assertThat(WireSamples.received(type).event()).isInstanceOf(NotificationPreferencesSet.class));
        assertThat(EventCatalog.onTopic(Topics.NOTIFICATION_POLICIES)).isNotEmpty().allSatisfy(type ->
                assertThat(WireSamples.received(type).event()).isInstanceOf(CalendarNotificationPolicySet.class));
    }
}
