package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.platform.consistency.ConsistencyToken;

/** Reminders before an item's start (seed 004, ADR 0079) over HTTP: set, repeated, removed, and refused naming the field. */
@CommandServiceIntegrationTest
class RemindersIT {

    private static final String USER = "X-Almanac-User";
    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    private ScheduleClient schedules;
    private String calendar;
    private String item;

    @BeforeEach
    void anItem() {
        schedules = new ScheduleClient(client, jdbc, eventStore);
        calendar = schedules.createCalendar(5, "allow");
        item = schedules.schedule("shift", calendar, NEXT_WEEK);
    }

    private WebTestClient.ResponseSpec remind(String as, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return client.post().uri("/api/v1/schedules/{id}/reminders", item).header(USER, as).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    @Test
    void setsRepeatsAndRemovesAReminderForTheCallerInTheZoneTheyGiveWithTheItemsVersion() {
        remind("sam", "id", "rem-sam", "minutes_before", 30, "timezone", "Asia/Kathmandu")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(item, 1).encode())
                .expectBody()
                .jsonPath("$.reminder_id").isEqualTo("rem-sam")
                .jsonPath("$.user").isEqualTo("sam")
                .jsonPath("$.minutes_before").isEqualTo(30)
                .jsonPath("$.timezone").isEqualTo("Asia/Kathmandu")
                .jsonPath("$.due_at").isEqualTo(NEXT_WEEK.minus(30, ChronoUnit.MINUTES).toString());
        remind("sam", "id", "rem-sam", "minutes_before", 30, "timezone", "Asia/Kathmandu").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        List<ScheduleClient.Stored> history = schedules.history(item);
        assertThat(history.get(1).payload()).isEqualTo(new ItemReminderSet(dev.almanac.events.schedule.ItemId.of(item),
                dev.almanac.events.calendar.CalendarId.of(calendar), NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS), "Item shift",
                ReminderId.of("rem-sam"), UserId.of("sam"), 30, java.time.ZoneId.of("Asia/Kathmandu")));

        remind("developer", "minutes_before", 60, "user", "ana").expectStatus().isCreated()
                .expectBody().jsonPath("$.user").isEqualTo("ana").jsonPath("$.timezone").isEqualTo("America/New_York");

        client.delete().uri("/api/v1/schedules/{id}/reminders/{reminder}", item, "rem-sam").header(USER, "sam").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"");
        history = schedules.history(item);
        assertThat(history.get(history.size() - 1).payload()).isInstanceOf(ItemReminderRemoved.class);
        expect(client.delete().uri("/api/v1/schedules/{id}/reminders/{reminder}", item, "rem-sam").exchange(), HttpStatus.NOT_FOUND,
                "reminderId", "exists");
    }

    @Test
    void aReminderAfterTheStartTooEarlyOrAlreadyDueIsRefusedNamingMinutesBefore() {
        expect(remind("sam", "minutes_before", -5), HttpStatus.BAD_REQUEST, "minutes_before", "before_start");
        expect(remind("sam", "minutes_before", 40_321), HttpStatus.BAD_REQUEST, "minutes_before", "max");
        // Due 8 days before a start a week away: already past.
        expect(remind("sam", "minutes_before", 8 * 24 * 60), HttpStatus.BAD_REQUEST, "minutes_before", "before_start");
        expect(remind("sam"), HttpStatus.BAD_REQUEST, "minutes_before", "required");
        expect(remind("sam", "minutes_before", 30, "timezone", "Mars/Olympus"), HttpStatus.BAD_REQUEST, "timezone", "iana_zone");
        assertThat(schedules.history(item)).as("nothing was written").hasSize(1);
    }

    @Test
    void anUnknownItemAndAHiddenCalendarAre404AndAnotherUsersReminderIs403() {
        client.post().uri("/api/v1/schedules/{id}/reminders", "no-such-item").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("minutes_before", 30)).exchange().expectStatus().isNotFound();

        client.post().uri("/api/v1/calendars/{id}/grants", calendar).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", "alice", "role", "manager")).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/calendars/{id}/grants", calendar).header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", "vic", "role", "viewer")).exchange().expectStatus().isOk();
        // carol has no role on the calendar: its item is hidden from her, answered as unknown (ADR 0086).
        remind("carol", "minutes_before", 30).expectStatus().isNotFound();
        remind("vic", "minutes_before", 30).expectStatus().isCreated();
        expect(remind("vic", "minutes_before", 30, "user", "alice"), HttpStatus.FORBIDDEN, "user", "role");
    }

    @Test
    void aCancelledItemTakesNone() {
        schedules.cancel(item).expectStatus().isOk();
        expect(remind("sam", "minutes_before", 30), HttpStatus.CONFLICT, "id", "cancelled");
    }

    @Test
    void aRulesReminderIsSetForTheCallerInTheRulesZoneRemovedAndRefusedWhenBad() {
        String rule = "rule-" + java.util.UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", rule, "name", "Morning shift", "cron", "0 9 * * *", "timezone", "Australia/Lord_Howe",
                        "queue", calendar, "job_template", Map.of("type", "maintenance_job")))
                .exchange().expectStatus().isCreated();
        String reminders = "/api/v1/schedules/rules/{id}/reminders";
        client.post().uri(reminders, rule).header(USER, "sam").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "rem-sam", "minutes_before", 30)).exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(rule)
                .jsonPath("$.user").isEqualTo("sam")
                .jsonPath("$.timezone").isEqualTo("Australia/Lord_Howe")
                .jsonPath("$.due_at").doesNotExist();
        expect(client.post().uri(reminders, rule).header(USER, "sam").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("minutes_before", -1)).exchange(), HttpStatus.BAD_REQUEST, "minutes_before", "before_start");
        client.post().uri(reminders, "no-such-rule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("minutes_before", 30)).exchange().expectStatus().isNotFound();
        client.delete().uri(reminders + "/{reminder}", rule, "rem-sam").header(USER, "sam").exchange().expectStatus().isOk();
        expect(client.delete().uri(reminders + "/{reminder}", rule, "rem-sam").exchange(), HttpStatus.NOT_FOUND, "reminderId", "exists");
    }

    private static void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}
