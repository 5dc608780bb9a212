package dev.almanac.tui.view;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import dev.almanac.tui.api.OpsEvent;

/**
 * The day: a row an hour of the local day, from its midnight to the next by the instant, so a spring-forward day has
 * 23 rows and a fall-back day 25, the repeated hour told apart by its offset; each hour's entries under it.
 */
final class DayView {

    private DayView() {
    }

    static List<AttributedString> render(Model model, int width, int height) {
        LocalDate date = model.cursor();
        Instant from = date.atStartOfDay(model.zone()).toInstant();
        Instant till = date.plusDays(1).atStartOfDay(model.zone()).toInstant();
        boolean transition = !model.zone().getRules().getOffset(from).equals(model.zone().getRules().getOffset(till.minusSeconds(1)));
        List<OpsEvent> events = Timeline.of(model, date);
        List<AttributedString> lines = new ArrayList<>();
        long hours = Duration.between(from, till).toHours();
        lines.add(Text.styled(Formats.day(date) + " · " + hours + " hours" + (transition ? " (clocks change today)" : "") + " · "
                + events.size() + (events.size() == 1 ? " entry" : " entries"), width, Screen.HEADER));
        int selectedLine = -1;
        int index = 0;
        for (Instant hour = from; hour.isBefore(till); hour = hour.plus(Duration.ofHours(1))) {
            ZonedDateTime local = hour.atZone(model.zone());
            String label = Formats.time(hour, model.zone(), model.hour12());
            if (transition) {
                label += local.getOffset().getTotalSeconds() == 0 ? "Z" : local.getOffset().getId();
            }
            label = Text.fit(label, transition ? 12 : 8);
            boolean first = true;
            Instant next = hour.plus(Duration.ofHours(1));
            while (index < events.size() && events.get(index).scheduledAtUtc().isBefore(next)) {
                OpsEvent event = events.get(index);
                boolean selected = event.eventId().equals(model.selectedId());
                if (selected) {
                    selectedLine = lines.size();
                }
                String text = Formats.glyph(event.status()) + " " + Formats.time(event.scheduledAtUtc(), model.zone(), model.hour12())
                        + "  " + Text.clean(Timeline.title(event)) + "  · " + event.status() + " · " + event.source()
                        + (event.isItem() ? "" : " " + event.sourceRef()) + " · " + Formats.duration(event.durationSeconds());
                AttributedStyle style = selected ? AttributedStyle.DEFAULT.inverse() : Timeline.style(event);
                lines.add(Text.concat(Text.styled(first ? label : "", label.length(), Screen.DIM),
                        Text.styled(text, width - label.length(), style)));
                first = false;
                index++;
            }
            if (first) {
                lines.add(Text.concat(Text.styled(label, label.length(), Screen.DIM), Text.styled("·", width - label.length(), Screen.DIM)));
            }
        }
        return window(lines, selectedLine, height);
    }

    /** The title line, then the rows that fit, scrolled so that the selection is in sight. */
    private static List<AttributedString> window(List<AttributedString> lines, int selectedLine, int height) {
        if (lines.size() <= height) {
            return lines;
        }
        int room = height - 1;
        int first = selectedLine < 0 ? 1 : Math.max(1, Math.min(selectedLine - room / 2, lines.size() - room));
        List<AttributedString> shown = new ArrayList<>();
        shown.add(lines.get(0));
        shown.addAll(lines.subList(first, Math.min(lines.size(), first + room)));
        return shown;
    }
}
