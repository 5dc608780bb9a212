package dev.almanac.tui.view;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.almanac.tui.api.Action;
import dev.almanac.tui.api.OpsEvent;

/** The lines of each dialog, shared by the full screen (in a box) and the plain list (as they are). */
public final class DialogText {

    private DialogText() {
    }

    public static List<String> lines(Model model, Dialog dialog) {
        List<String> lines = new ArrayList<>();
        if (dialog instanceof Dialog.Help) {
            lines.add("arrows, h j k l   move (a day, a week; an entry in week and day)");
            lines.add("t today   m month   w week   d day");
            lines.add("Enter     details of the entry (month: open the day)");
            lines.add("r         reschedule the entry: pick a date and time, confirm");
            lines.add("p         pause or resume the entry's rule");
            lines.add("u         undo your last change, within five minutes");
            lines.add("/         filter by job type, title, run state or source");
            lines.add("z zone    c next queue (calendar)    R reload");
            lines.add("? help    Esc close    q quit");
            lines.add("Run states: ' ' scheduled  > running  + success  x failed");
            lines.add("  ! missed  = paused  - disabled  ~ dispatched  / skipped");
        } else if (dialog instanceof Dialog.Details details) {
            OpsEvent event = details.event();
            ZonedDateTime at = event.scheduledAtUtc().atZone(model.zone());
            lines.add("When:     " + Formats.moment(at, model.hour12()));
            lines.add("Length:   " + Formats.duration(event.durationSeconds()));
            lines.add("State:    " + event.status());
            lines.add("Source:   " + (event.isItem() ? "one-off item " + event.sourceRef() : event.source() + " rule " + event.sourceRef()));
            lines.add("Category: " + event.category());
            lines.add("Calendar: " + event.calendarId());
            String actions = event.actions().stream().map(Action::name).collect(Collectors.joining(", "));
            lines.add("Actions:  " + (actions.isEmpty() ? "none for you now" : actions));
            lines.add("r reschedule   p pause/resume   Esc close");
        } else if (dialog instanceof Dialog.Picker picker) {
            ZonedDateTime from = picker.event().scheduledAtUtc().atZone(picker.zone());
            ZonedDateTime to = picker.at();
            String date = Formats.weekday(picker.wall().toLocalDate()) + " " + picker.wall().toLocalDate();
            String hour = String.format("%02d", picker.wall().getHour());
            String minute = String.format("%02d", picker.wall().getMinute());
            String[] fields = {date, hour, minute};
            fields[picker.field()] = "[" + fields[picker.field()] + "]";
            lines.add("From: " + Formats.moment(from, model.hour12()));
            lines.add("To:   " + fields[0] + " " + fields[1] + ":" + fields[2] + " in " + picker.zone().getId());
            lines.add("      " + Formats.moment(to, false) + (to.toLocalDateTime().equals(picker.wall()) ? "" : " (clocks skip that time)"));
            lines.add("←→ field   ↑↓ change   Enter confirm   Esc cancel");
        } else if (dialog instanceof Dialog.Confirm confirm) {
            lines.addAll(confirm.lines());
            lines.add("y or Enter: yes   n or Esc: no");
        } else if (dialog instanceof Dialog.Message message) {
            lines.addAll(message.lines());
            lines.add(message.offersReload() ? "Enter reloads   Esc closes" : "Enter or Esc closes");
        } else if (dialog instanceof Dialog.Prompt prompt) {
            lines.add(prompt.label() + ": " + prompt.text() + "_");
            lines.add("Enter apply   Esc cancel");
        }
        return lines;
    }
}
