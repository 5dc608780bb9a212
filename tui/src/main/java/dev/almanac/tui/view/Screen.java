package dev.almanac.tui.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * A frame: exactly {@code height} lines of exactly {@code width} columns, the header, the view, the status line and the
 * open dialog drawn over them. Pure: the same model and size give the same lines.
 */
public final class Screen {

    /** Smaller than this, the frame says so instead of drawing a view that cannot fit. */
    public static final int MIN_WIDTH = 40;
    public static final int MIN_HEIGHT = 10;

    static final AttributedStyle HEADER = AttributedStyle.DEFAULT.bold();
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();

    private Screen() {
    }

    public static List<AttributedString> render(Model model, int width, int height) {
        List<AttributedString> lines = new ArrayList<>();
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            lines.add(Text.styled("needs " + MIN_WIDTH + "x" + MIN_HEIGHT + ", has " + width + "x" + height,
                    Math.max(width, 1), AttributedStyle.DEFAULT));
            while (lines.size() < height) {
                lines.add(Text.styled("", Math.max(width, 1), AttributedStyle.DEFAULT));
            }
            return lines.subList(0, Math.max(height, 0));
        }
        lines.add(header(model, width));
        int bodyHeight = height - 2;
        List<AttributedString> body = switch (model.mode()) {
            case MONTH -> MonthView.render(model, width, bodyHeight);
            case WEEK -> WeekView.render(model, width, bodyHeight);
            case DAY -> DayView.render(model, width, bodyHeight);
        };
        for (int i = 0; i < bodyHeight; i++) {
            lines.add(i < body.size() ? Text.exactly(body.get(i), width) : Text.styled("", width, AttributedStyle.DEFAULT));
        }
        lines.add(footer(model, width));
        if (model.dialog() != null) {
            Overlay.draw(lines, DialogText.lines(model, model.dialog()), model.dialog().title(), width, height);
        }
        return lines;
    }

    /** The frame as plain text, right-trimmed lines: what a test or a screen capture compares. */
    public static String text(List<AttributedString> lines) {
        StringBuilder text = new StringBuilder();
        for (AttributedString line : lines) {
            text.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
        return text.toString();
    }

    static String period(Model model) {
        LocalDate cursor = model.cursor();
        return switch (model.mode()) {
            case MONTH -> Formats.month(cursor);
            case WEEK -> "Week of " + Formats.day(model.weekStartOf(cursor));
            case DAY -> Formats.day(cursor);
        };
    }

    private static AttributedString header(Model model, int width) {
        Instant at = model.cursor().atStartOfDay(model.zone()).toInstant();
        String left = model.calendarName() + " · " + period(model) + " · " + Formats.zone(model.zone(), at);
        String right = (model.loading() ? "loading… " : "") + (model.live().isEmpty() ? "" : model.live());
        int rightWidth = Math.min(Text.width(right), width / 3);
        return Text.concat(Text.styled(left, width - rightWidth, HEADER), Text.styled(right, rightWidth, DIM));
    }

    private static AttributedString footer(Model model, int width) {
        if (!model.status().isEmpty()) {
            return Text.styled(model.status(), width, AttributedStyle.DEFAULT.bold());
        }
        if (!model.cutNotice().isEmpty()) {
            return Text.styled(model.cutNotice(), width, AttributedStyle.DEFAULT.bold());
        }
        String filter = model.filter().isBlank() ? "" : "filter “" + model.filter().trim() + "” · ";
        return Text.styled(filter + "hjkl move  t today  m/w/d  Enter info  r reschedule  p pause  ? help  q quit", width, DIM);
    }

    static String dayLabel(ZonedDateTime at) {
        return Formats.weekday(at.toLocalDate()) + " " + at.getDayOfMonth();
    }
}
