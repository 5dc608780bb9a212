package dev.almanac.tui.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jline.utils.AttributedStyle;

import dev.almanac.tui.api.OpsEvent;

/** The entries of a local day, and how a run state is styled. Shared by the week, the day and the session's keys. */
public final class Timeline {

    private Timeline() {
    }

    /** The visible entries that start in [the day's local midnight, the next), 23 or 25 hours on a DST day. */
    public static List<OpsEvent> of(Model model, LocalDate date) {
        Instant from = date.atStartOfDay(model.zone()).toInstant();
        Instant till = date.plusDays(1).atStartOfDay(model.zone()).toInstant();
        return model.visibleEntries().stream()
                .filter(event -> !event.scheduledAtUtc().isBefore(from) && event.scheduledAtUtc().isBefore(till)).toList();
    }

    /** A folded always-running entry says how many runs of the day it stands for. */
    static String title(OpsEvent event) {
        return event.repeats() > 1 ? event.title() + " ×" + event.repeats() + " (always running)" : event.title();
    }

    static AttributedStyle style(OpsEvent event) {
        return switch (event.status()) {
            case "failed", "timed_out", "retries_exhausted", "missed" -> AttributedStyle.DEFAULT.bold();
            case "paused", "disabled", "skipped" -> AttributedStyle.DEFAULT.faint();
            default -> AttributedStyle.DEFAULT;
        };
    }
}
