package dev.almanac.tui.view;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import dev.almanac.tui.api.MonthDay;

/**
 * The month: a week a row, a local day a cell with its count, its busiest types and its conflicts badge, the cell
 * coloured by the heatmap colour /calendar/config gives its density level (F033-DENSITY).
 */
final class MonthView {

    private MonthView() {
    }

    static List<AttributedString> render(Model model, int width, int height) {
        int cell = width / 7;
        LocalDate first = model.cursor().withDayOfMonth(1);
        LocalDate start = model.weekStartOf(first);
        int weeks = (int) (ChronoUnit.DAYS.between(start, first.plusMonths(1).minusDays(1)) / 7) + 1;
        int legendLines = 1;
        int block = Math.max(1, Math.min(5, (height - 1 - legendLines) / weeks));
        Map<LocalDate, MonthDay> days = new HashMap<>();
        model.month().forEach(day -> days.put(day.date(), day));

        List<AttributedString> lines = new ArrayList<>();
        AttributedStringBuilder names = new AttributedStringBuilder();
        for (int i = 0; i < 7; i++) {
            names.append(Text.styled(Formats.weekday(start.plusDays(i)), cell, Screen.HEADER));
        }
        lines.add(names.toAttributedString());
        for (int week = 0; week < weeks; week++) {
            for (int row = 0; row < block; row++) {
                AttributedStringBuilder line = new AttributedStringBuilder();
                for (int i = 0; i < 7; i++) {
                    LocalDate date = start.plusDays(week * 7L + i);
                    line.append(cell(model, date, days.get(date), row, cell));
                }
                lines.add(line.toAttributedString());
            }
        }
        lines.add(legend(model, width));
        return lines;
    }

    private static AttributedString cell(Model model, LocalDate date, MonthDay day, int row, int width) {
        if (!date.getMonth().equals(model.cursor().getMonth())) {
            return Text.styled("", width, AttributedStyle.DEFAULT);
        }
        boolean selected = date.equals(model.cursor());
        AttributedStyle style = background(model, day);
        String text;
        if (row == 0) {
            String number = (date.equals(model.today()) ? "*" : " ") + date.getDayOfMonth();
            String count = day == null || model.count(day) == 0 ? "" : String.valueOf(model.count(day));
            String mark = selected ? "[" + number.trim() + "]" : number;
            int gap = Math.max(1, width - 1 - Text.width(mark) - Text.width(count));
            text = mark + " ".repeat(gap) + count;
            if (selected) {
                style = style.inverse().bold();
            }
        } else {
            text = " " + detail(model, day, row);
        }
        return Text.concat(Text.styled(text, width - 1, style), new AttributedString(" "));
    }

    /** Row 1 and on: the conflicts badge first, then the types by count. */
    private static String detail(Model model, MonthDay day, int row) {
        if (day == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (day.conflicts() > 0) {
            parts.add("!" + day.conflicts() + " conflict" + (day.conflicts() == 1 ? "" : "s"));
        }
        model.types(day).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(type -> parts.add(type.getKey() + " " + type.getValue()));
        return row - 1 < parts.size() ? parts.get(row - 1) : "";
    }

    private static AttributedStyle background(Model model, MonthDay day) {
        if (!model.color() || day == null || day.densityLevel() == null || model.count(day) == 0) {
            return AttributedStyle.DEFAULT;
        }
        Integer rgb = rgb(model.colors().get(day.densityLevel()));
        if (rgb == null) {
            return AttributedStyle.DEFAULT;
        }
        return AttributedStyle.DEFAULT.backgroundRgb(rgb).foreground(0, 0, 0);
    }

    static Integer rgb(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            return null;
        }
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static AttributedString legend(Model model, int width) {
        AttributedStringBuilder legend = new AttributedStringBuilder();
        long total = model.month().stream().mapToLong(model::count).sum();
        legend.append(total + (total == 1 ? " entry" : " entries") + " this month · density:", AttributedStyle.DEFAULT);
        for (String level : List.of("low", "medium", "high", "critical")) {
            legend.append(" ");
            Integer rgb = rgb(model.colors().get(level));
            AttributedStyle style = model.color() && rgb != null ? AttributedStyle.DEFAULT.backgroundRgb(rgb).foreground(0, 0, 0)
                    : AttributedStyle.DEFAULT;
            legend.append(level, style);
        }
        return Text.exactly(legend.toAttributedString(), width);
    }
}
