package dev.almanac.query.calendar;

import java.util.Comparator;
import java.util.Optional;

import dev.almanac.platform.input.TextRules;
import dev.almanac.query.web.OpaqueCursors;

/**
 * Where the next page of the calendar list starts: after the calendar with this name and id, in
 * (name, id) order. Opaque to clients, who pass {@code next_cursor} back as {@code cursor}. A name
 * may be any text, so the cursor starts with its kind ({@code calendars|}), which tells it from any
 * other endpoint's cursor; ids never hold {@code |}, so the last one separates the name from the id.
 */
public record CalendarCursor(String name, String id) {

    /** The list's order: by name, then id. */
    static final Comparator<CalendarView> ORDER = Comparator.comparing(CalendarView::name).thenComparing(CalendarView::id);

    private static final char SEPARATOR = '|';
    private static final String KIND = "calendars" + SEPARATOR;

    public static CalendarCursor after(CalendarView calendar) {
        return new CalendarCursor(calendar.name(), calendar.id());
    }

    public String encode() {
        return OpaqueCursors.opaque(KIND + name + SEPARATOR + id);
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}; both parts are checked as request text is. */
    public static Optional<CalendarCursor> decode(String token) {
        return OpaqueCursors.text(token).filter(text -> text.startsWith(KIND)).flatMap(text -> {
            String plain = text.substring(KIND.length());
            int separator = plain.lastIndexOf(SEPARATOR);
            if (separator < 0 || separator == plain.length() - 1) {
                return Optional.empty();
            }
            String name = plain.substring(0, separator);
            String id = plain.substring(separator + 1);
            if (TextRules.problem(name).isPresent() || TextRules.problem(id).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new CalendarCursor(name, id));
        });
    }

    /** Whether {@code calendar} comes after this cursor in the list's order. */
    boolean precedes(CalendarView calendar) {
        int byName = name.compareTo(calendar.name());
        return byName < 0 || byName == 0 && id.compareTo(calendar.id()) < 0;
    }
}
