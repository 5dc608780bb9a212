package dev.almanac.tui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.almanac.tui.api.AlmanacApi;
import dev.almanac.tui.api.Identity;
import dev.almanac.tui.view.Dialog;
import dev.almanac.tui.view.Mode;
import dev.almanac.tui.view.Screen;

/** Keys in, commands out: the session against canned answers, reads and commands run where they are started. */
class SessionTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String EVENTS = """
            {"events":[
              {"event_id":"item-a","source":"item","source_ref":"item-a","calendar_id":"ops","title":"Design review",
               "status":"scheduled","category":"normal","scheduled_at_utc":"2026-11-18T15:00:00Z","duration_hint_seconds":3600,
               "version":2,"actions":[{"name":"reschedule","method":"POST","path":"/api/v1/schedules/item-a/reschedule"}]},
              {"event_id":"occ-1","source":"cron","source_ref":"rule-nightly","calendar_id":"ops","title":"Nightly cleanup",
               "status":"scheduled","category":"high","scheduled_at_utc":"2026-11-18T20:30:00Z","duration_hint_seconds":900,
               "version":1,"actions":[{"name":"pause","method":"POST","path":"/api/v1/schedules/rules/rule-nightly/pause"}]}]}""";

    private final FakeAlmanac almanac = new FakeAlmanac();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-18T12:00:00Z"));

    @AfterEach
    void stop() {
        almanac.close();
    }

    private Session started(Mode mode, Identity identity) {
        almanac.opsEvents = EVENTS;
        Session session = new Session(new AlmanacApi(almanac.base(), identity), clock, Runnable::run, Runnable::run, true);
        session.start("ops", NEW_YORK, mode);
        return session;
    }

    private static void press(Session session, String... keys) {
        for (String key : keys) {
            session.onKey(switch (key) {
                case "Enter" -> Key.of(Key.Name.ENTER);
                case "Esc" -> Key.of(Key.Name.ESCAPE);
                case "Down" -> Key.of(Key.Name.DOWN);
                default -> Key.typed(key);
            });
        }
    }

    @Test
    void theMonthIsReadForTheCalendarAndZoneAndDrawnWithItsCounts() {
        Session session = started(Mode.MONTH, new Identity(null, null, null));
        String screen = Screen.text(Screen.render(session.model(), 80, 24));
        assertThat(screen).contains("Operations · November 2026 · America/New_York").contains("[*18]    3").contains("!1 confl…");
    }

    @Test
    void rescheduleSendsTheNewInstantWithIfMatchOnlyOnceConfirmed() {
        Session session = started(Mode.DAY, new Identity(null, "alice", null));
        press(session, "r", "k", "l", "k");
        assertThat(session.model().dialog()).isInstanceOf(Dialog.Picker.class);
        press(session, "Enter");
        assertThat(session.model().dialog()).isInstanceOf(Dialog.Confirm.class);
        assertThat(almanac.commands).isEmpty();
        press(session, "y");
        assertThat(almanac.commands).singleElement().satisfies(command -> {
            assertThat(command.path()).isEqualTo("/api/v1/schedules/item-a/reschedule");
            assertThat(command.ifMatch()).isEqualTo("\"2\"");
            // 10:00 New York a day and an hour later: 11:00 on the 19th, 16:00 UTC.
            assertThat(command.body()).contains("\"new_time\":\"2026-11-19T16:00:00Z\"");
            assertThat(command.headers().get("X-almanac-user")).containsExactly("alice");
        });
        assertThat(session.model().status()).startsWith("Moved “Design review” to Thu 19 Nov 2026 11:00");
    }

    @Test
    void undoWithinFiveMinutesSendsTheItemsUndoAndNotAfter() {
        Session session = started(Mode.DAY, new Identity("a-token", null, null));
        press(session, "r", "l", "k", "Enter", "y");
        clock.advance(Duration.ofMinutes(4));
        press(session, "u");
        assertThat(almanac.commands).hasSize(2);
        assertThat(almanac.commands.get(1).path()).isEqualTo("/api/v1/schedules/item-a/undo");
        assertThat(almanac.commands.get(1).headers().get("Authorization")).containsExactly("Bearer a-token");

        press(session, "r", "l", "k", "Enter", "y");
        clock.advance(Duration.ofMinutes(6));
        press(session, "u");
        assertThat(almanac.commands).hasSize(3);
        assertThat(session.model().status()).contains("Nothing to undo");
    }

    @Test
    void a412ShowsTheProblemAndOffersAReload() {
        almanac.commandStatus = 412;
        Session session = started(Mode.DAY, new Identity(null, null, null));
        press(session, "r", "k", "Enter", "y");
        assertThat(session.model().dialog()).isInstanceOfSatisfying(Dialog.Message.class, message -> {
            assertThat(message.offersReload()).isTrue();
            assertThat(message.lines()).contains("The item is at version 3, not 2");
        });
        press(session, "Enter");
        assertThat(session.model().dialog()).isNull();
        assertThat(session.model().status()).isEqualTo("Reloaded.");
    }

    @Test
    void aRefusalShowsTheProblemsMessage() {
        almanac.commandStatus = 403;
        Session session = started(Mode.DAY, new Identity(null, null, null));
        press(session, "r", "Enter", "y");
        assertThat(session.model().dialog()).isInstanceOfSatisfying(Dialog.Message.class, message ->
                assertThat(message.lines()).containsExactly("SCH-005: only a manager may move it now"));
    }

    @Test
    void pauseSendsTheRulesActionAsItStandsAfterAConfirmation() {
        Session session = started(Mode.DAY, new Identity(null, null, null));
        press(session, "j", "p");
        assertThat(session.model().dialog()).isInstanceOf(Dialog.Confirm.class);
        press(session, "y");
        assertThat(almanac.commands).singleElement().satisfies(command -> {
            assertThat(command.path()).isEqualTo("/api/v1/schedules/rules/rule-nightly/pause");
            assertThat(command.ifMatch()).isNull();
        });
    }

    @Test
    void theAlwaysRunningLaneIsFoldedIntoOneEntryARuleAndDay() {
        StringBuilder beats = new StringBuilder("{\"events\":[");
        for (int minute = 0; minute < 120; minute++) {
            beats.append(minute == 0 ? "" : ",").append("""
                    {"event_id":"beat-%d","source":"heartbeat","source_ref":"rule-alive","calendar_id":"ops","title":"Alive",
                     "status":"%s","category":"normal","lane":"always_running","duration_hint_seconds":60,"version":0,
                     "scheduled_at_utc":"2026-11-18T%02d:%02d:00Z","actions":[]}""".formatted(minute, minute < 100 ? "success" : "scheduled",
                    14 + minute / 60, minute % 60));
        }
        Session session = started(Mode.DAY, new Identity(null, null, null));
        almanac.opsEvents = beats.append("]}").toString();
        press(session, "R");
        assertThat(session.model().entries()).singleElement().satisfies(event -> {
            assertThat(event.repeats()).isEqualTo(120);
            assertThat(event.status()).isEqualTo("success");
        });
        assertThat(Screen.text(Screen.render(session.model(), 100, 24))).contains("09:00  Alive ×120 (always running)  · success");
    }

    @Test
    void aWeekWithMoreEntriesThanTheClientReadsIsCutAtTheLimitAndTheStatusLineSaysSo() {
        StringBuilder page = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 500; i++) {
            page.append(i == 0 ? "" : ",").append("""
                    {"event_id":"item-%d","source":"item","source_ref":"item-%d","calendar_id":"ops","title":"Load %d",
                     "status":"scheduled","category":"normal","scheduled_at_utc":"2026-11-18T15:00:00Z","actions":[]}"""
                    .formatted(i, i, i));
        }
        Session session = started(Mode.WEEK, new Identity(null, null, null));
        assertThat(Screen.text(Screen.render(session.model(), 80, 24))).doesNotContain("Only the first");
        // Every page says there is another: the client stops at the limit and does not hide that it did.
        almanac.opsEvents = page.append("],\"next_cursor\":\"more\"}").toString();
        press(session, "R");
        assertThat(session.model().entries()).hasSize(AlmanacApi.WINDOW_LIMIT);
        assertThat(Screen.text(Screen.render(session.model(), 80, 24)).lines().toList().get(23))
                .isEqualTo("Only the first 5,000 entries of this week are shown: d shows one day");
        press(session, "d");
        assertThat(Screen.text(Screen.render(session.model(), 80, 24)).lines().toList().get(23))
                .isEqualTo("Only the first 5,000 entries of this day are shown");
    }

    @Test
    void theFilterAndTheZoneAreTypedInAndTheQueueSwitches() {
        Session session = started(Mode.DAY, new Identity(null, null, null));
        press(session, "/", "n", "i", "g", "h", "t", "Enter");
        assertThat(session.model().visibleEntries()).extracting(event -> event.title()).containsExactly("Nightly cleanup");
        press(session, "z");
        session.onKey(Key.of(Key.Name.BACKSPACE));
        for (int i = 0; i < "America/New_York".length(); i++) {
            session.onKey(Key.of(Key.Name.BACKSPACE));
        }
        press(session, "E", "u", "r", "o", "p", "e", "/", "B", "e", "r", "l", "i", "n", "Enter");
        assertThat(session.model().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        press(session, "c");
        assertThat(session.calendarId()).isEqualTo("rooms");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
