package dev.almanac.tui.view;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import dev.almanac.tui.api.OpsEvent;

/**
 * The week: a column a local day, each listing its entries by start with their run state's glyph; a day with more
 * than fits shows those around the selection and how many more there are.
 */
final class WeekView {

    private WeekView() {
    }

    static List<AttributedString> render(Model model, int width, int height) {
        int cell = width / 7;
        LocalDate start = model.weekStartOf(model.cursor());
        List<List<AttributedString>> columns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = start.plusDays(i);
            columns.add(column(model, date, Timeline.of(model, date), cell, height));
        }
        List<AttributedString> lines = new ArrayList<>();
        for (int row = 0; row < height; row++) {
            AttributedStringBuilder line = new AttributedStringBuilder();
            for (List<AttributedString> column : columns) {
                line.append(row < column.size() ? column.get(row) : Text.styled("", cell, AttributedStyle.DEFAULT));
            }
            lines.add(line.toAttributedString());
        }
        return lines;
    }

    private static List<AttributedString> column(Model model, LocalDate date, List<OpsEvent> events, int width, int height) {
        List<AttributedString> column = new ArrayList<>();
        boolean current = date.equals(model.cursor());
        String head = (date.equals(model.today()) ? "*" : "") + Formats.weekday(date) + " " + date.getDayOfMonth();
        AttributedStyle headStyle = current ? Screen.HEADER.underline() : Screen.HEADER;
        column.add(Text.concat(Text.styled(head, width - 1, headStyle), new AttributedString("│")));
        // A narrow column gives an entry two lines, its time and its title, rather than a title of two letters.
        int perEntry = width < 18 ? 2 : 1;
        int room = (height - 1) / perEntry;
        int selected = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).eventId().equals(model.selectedId())) {
                selected = i;
            }
        }
        int first = 0;
        boolean overflow = events.size() > room;
        if (overflow) {
            // Keep the selection in sight; the last line says how many are not shown.
            room = (height - 2) / perEntry;
            first = Math.max(0, Math.min(selected - room / 2, events.size() - room));
        }
        for (int i = first; i < Math.min(events.size(), first + room); i++) {
            OpsEvent event = events.get(i);
            String time = Formats.glyph(event.status()) + Formats.time(event.scheduledAtUtc(), model.zone(), model.hour12());
            AttributedStyle style = i == selected ? AttributedStyle.DEFAULT.inverse() : Timeline.style(event);
            if (perEntry == 2) {
                column.add(Text.concat(Text.styled(time, width - 1, style), new AttributedString("│")));
                column.add(Text.concat(Text.styled(" " + Text.clean(Timeline.title(event)), width - 1, style), new AttributedString("│")));
            } else {
                column.add(Text.concat(Text.styled(time + " " + Text.clean(Timeline.title(event)), width - 1, style), new AttributedString("│")));
            }
        }
        if (overflow) {
            int hidden = events.size() - room;
            column.add(Text.concat(Text.styled("+" + hidden + " more", width - 1, Screen.DIM), new AttributedString("│")));
        }
        if (events.isEmpty()) {
            column.add(Text.concat(Text.styled(" —", width - 1, Screen.DIM), new AttributedString("│")));
        }
        while (column.size() < height) {
            column.add(Text.concat(Text.styled("", width - 1, AttributedStyle.DEFAULT), new AttributedString("│")));
        }
        return column;
    }
}
