package dev.almanac.tui.view;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.almanac.tui.api.Action;
import dev.almanac.tui.api.MonthDay;
import dev.almanac.tui.api.OpsEvent;

/** Object Mother of the views' models: a New York operations calendar in November 2026, whose 1st is a fall-back day. */
final class Models {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 18);
    static final Map<String, String> COLORS = Map.of("low", "#d1fae5", "medium", "#fde68a", "high", "#fb923c", "critical", "#dc2626");

    private Models() {
    }

    static Model month(LocalDate cursor) {
        List<MonthDay> days = new ArrayList<>();
        for (LocalDate day = cursor.withDayOfMonth(1); day.getMonth() == cursor.getMonth(); day = day.plusDays(1)) {
            int n = day.getDayOfMonth();
            if (n % 3 == 0) {
                days.add(new MonthDay(day, 2, Map.of("report", 1L, "meeting", 1L), 0, 0.25, "low"));
            } else if (n == 10) {
                days.add(new MonthDay(day, 8, Map.of("maintenance", 5L, "report", 3L), 2, 1.0, "critical"));
            } else if (n == 17) {
                days.add(new MonthDay(day, 5, Map.of("report", 5L), 0, 0.6, "high"));
            } else {
                days.add(new MonthDay(day, 0, Map.of(), 0, 0, null));
            }
        }
        return new Model(Mode.MONTH, cursor, TODAY, NEW_YORK, "Operations", DayOfWeek.MONDAY, false, days, List.of(), null, "",
                null, "", "live", false, COLORS, true);
    }

    static OpsEvent item(String id, String title, String at, String status) {
        return new OpsEvent(id, "item", id, "ops", title, status, "normal", Instant.parse(at), 3600, 2,
                List.of(new Action("reschedule", "POST", "/api/v1/schedules/" + id + "/reschedule", Map.of()),
                        new Action("cancel", "POST", "/api/v1/schedules/" + id + "/cancel", Map.of())), "calendar", 1);
    }

    static OpsEvent occurrence(String id, String rule, String title, String at, String status) {
        return new OpsEvent(id, "cron", rule, "ops", title, status, "high", Instant.parse(at), 900, 1,
                List.of(new Action("pause", "POST", "/api/v1/schedules/rules/" + rule + "/pause", Map.of())), "calendar", 1);
    }

    /** The week of Monday 16 November 2026: items, a nightly rule's runs in several states. */
    static List<OpsEvent> week() {
        return List.of(
                occurrence("occ-1", "rule-nightly", "Nightly cleanup", "2026-11-16T07:30:00Z", "success"),
                item("item-a", "Design review", "2026-11-16T15:00:00Z", "scheduled"),
                occurrence("occ-2", "rule-nightly", "Nightly cleanup", "2026-11-17T07:30:00Z", "failed"),
                occurrence("occ-3", "rule-nightly", "Nightly cleanup", "2026-11-18T07:30:00Z", "running"),
                item("item-b", "Quarterly numbers", "2026-11-18T14:00:00Z", "scheduled"),
                occurrence("occ-4", "rule-nightly", "Nightly cleanup", "2026-11-19T07:30:00Z", "scheduled"),
                occurrence("occ-5", "rule-nightly", "Nightly cleanup", "2026-11-20T07:30:00Z", "paused"));
    }

    static Model week(LocalDate cursor, String selected) {
        return new Model(Mode.WEEK, cursor, TODAY, NEW_YORK, "Operations", DayOfWeek.MONDAY, false, List.of(), week(), selected, "",
                null, "", "live", false, COLORS, true);
    }

    static Model day(LocalDate cursor, List<OpsEvent> events, String selected) {
        return new Model(Mode.DAY, cursor, TODAY, NEW_YORK, "Operations", DayOfWeek.MONDAY, false, List.of(), events, selected, "",
                null, "", "live", false, COLORS, true);
    }

    static Model with(Model model, Dialog dialog) {
        return new Model(model.mode(), model.cursor(), model.today(), model.zone(), model.calendarName(), model.weekStart(),
                model.hour12(), model.month(), model.entries(), model.selectedId(), model.filter(), dialog, model.status(),
                model.live(), model.loading(), model.colors(), model.color());
    }

    static Model filtered(Model model, String filter) {
        return new Model(model.mode(), model.cursor(), model.today(), model.zone(), model.calendarName(), model.weekStart(),
                model.hour12(), model.month(), model.entries(), model.selectedId(), filter, model.dialog(), model.status(),
                model.live(), model.loading(), model.colors(), model.color());
    }
}
