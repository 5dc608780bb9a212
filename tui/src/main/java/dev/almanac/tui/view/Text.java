package dev.almanac.tui.view;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.WCWidth;

/**
 * Text measured in terminal columns (JLine's WCWidth), so wide characters take two columns and a line never runs past
 * the screen. Titles come from users: control characters and bidirectional overrides are taken out, so a
 * right-to-left title cannot reorder the rest of its line nor move the cursor.
 */
public final class Text {

    private Text() {
    }

    /** A title as it may be drawn: no control characters, no bidi embeddings, overrides or isolates. */
    public static String clean(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                    || cp == 0x061C;
            if (Character.isISOControl(cp)) {
                clean.append(' ');
            } else if (!bidi) {
                clean.appendCodePoint(cp);
            }
        });
        return clean.toString();
    }

    public static int width(int codePoint) {
        return Math.max(0, WCWidth.wcwidth(codePoint));
    }

    public static int width(CharSequence text) {
        return text.codePoints().map(Text::width).sum();
    }

    /** {@code text} cut to {@code columns} (an ellipsis marks the cut) and padded with spaces to exactly that width. */
    public static String fit(String text, int columns) {
        if (columns <= 0) {
            return "";
        }
        String clean = clean(text);
        int total = width(clean);
        StringBuilder out = new StringBuilder();
        int used = 0;
        int limit = total <= columns ? columns : columns - 1;
        for (int i = 0; i < clean.length(); ) {
            int cp = clean.codePointAt(i);
            int w = width(cp);
            if (used + w > limit) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        if (total > columns) {
            out.append('…');
            used++;
        }
        return out + " ".repeat(Math.max(0, columns - used));
    }

    public static AttributedString styled(String text, int columns, AttributedStyle style) {
        return new AttributedString(fit(text, columns), style);
    }

    /** Columns [from, to) of a line, a wide character cut by either edge replaced by spaces in its style. */
    public static AttributedString slice(AttributedString line, int from, int to) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        int column = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = Character.codePointAt(line, i);
            int w = width(cp);
            AttributedStyle style = line.styleAt(i);
            int end = column + w;
            if (column >= from && end <= to) {
                out.style(style).append(new String(Character.toChars(cp)));
            } else if (end > from && column < to) {
                out.style(style).append(" ".repeat(Math.min(end, to) - Math.max(column, from)));
            }
            column = end;
            i += Character.charCount(cp);
        }
        if (column < to) {
            out.style(AttributedStyle.DEFAULT).append(" ".repeat(to - Math.max(column, from)));
        }
        return out.toAttributedString();
    }

    /** {@code line} padded or cut to exactly {@code columns}. */
    public static AttributedString exactly(AttributedString line, int columns) {
        return slice(line, 0, columns);
    }

    public static AttributedString concat(AttributedString... parts) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        for (AttributedString part : parts) {
            out.append(part);
        }
        return out.toAttributedString();
    }
}
