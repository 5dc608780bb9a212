package dev.almanac.tui.view;

import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** A box drawn over the frame's middle: the dialog's title in its top border, its lines inside. */
final class Overlay {

    private Overlay() {
    }

    static void draw(List<AttributedString> frame, List<String> content, String title, int width, int height) {
        int inner = Math.min(width - 4, Math.max(40, Math.min(72, content.stream().mapToInt(Text::width).max().orElse(0) + 2)));
        int rows = Math.min(content.size(), height - 4);
        int left = (width - inner - 2) / 2;
        int top = Math.max(1, (height - rows - 2) / 2);
        AttributedStyle box = AttributedStyle.DEFAULT.bold();
        String heading = "─ " + Text.clean(title) + " ";
        String border = "─" + Text.fit(heading, Math.min(Text.width(heading), inner - 1));
        put(frame, top, left, new AttributedString("┌" + border + "─".repeat(Math.max(0, inner - Text.width(border))) + "┐", box), width);
        for (int i = 0; i < rows; i++) {
            put(frame, top + 1 + i, left, Text.concat(new AttributedString("│", box),
                    Text.styled(" " + content.get(i), inner, AttributedStyle.DEFAULT), new AttributedString("│", box)), width);
        }
        put(frame, top + 1 + rows, left, new AttributedString("└" + "─".repeat(inner) + "┘", box), width);
    }

    private static void put(List<AttributedString> frame, int row, int left, AttributedString piece, int width) {
        if (row >= frame.size()) {
            return;
        }
        AttributedString line = frame.get(row);
        int right = left + Text.width(piece);
        frame.set(row, Text.concat(Text.slice(line, 0, left), piece, Text.slice(line, right, width)));
    }
}
