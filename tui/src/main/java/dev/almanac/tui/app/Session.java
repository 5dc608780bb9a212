package dev.almanac.tui.app;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.almanac.tui.api.Action;
import dev.almanac.tui.api.AlmanacApi;
import dev.almanac.tui.api.ApiProblem;
import dev.almanac.tui.api.CalendarConfig;
import dev.almanac.tui.api.CalendarInfo;
import dev.almanac.tui.api.LiveStream;
import dev.almanac.tui.api.MonthDay;
import dev.almanac.tui.api.OpsEvent;
import dev.almanac.tui.view.Dialog;
import dev.almanac.tui.view.Formats;
import dev.almanac.tui.view.Mode;
import dev.almanac.tui.view.Model;
import dev.almanac.tui.view.Timeline;

/**
 * What the user sees and does: the view, the day, the zone, the queue, the filter, the selection and the open dialog,
 * changed by keys and by the live stream. Confined to the UI thread ({@code ui}); reads and commands run on
 * {@code background} and come back to the UI thread with their answer, so a key is drawn at once while a read is out.
 */
public final class Session {

    /** LNK-UNDO: a change can be undone this long after it was made. */
    static final Duration UNDO_WINDOW = Duration.ofMinutes(5);

    private record Undo(String description, Instant at, Runnable send) {
    }

    private final AlmanacApi api;
    private final Clock clock;
    private final Executor background;
    private final Executor ui;
    private final boolean color;

    private CalendarConfig config = new CalendarConfig("UTC", List.of(), "monday", "24h", Map.of());
    private List<CalendarInfo> calendars = List.of();
    private int calendarIndex;
    private ZoneId zone = ZoneId.of("UTC");
    private Mode mode = Mode.MONTH;
    private LocalDate cursor = LocalDate.now();
    private List<MonthDay> month = List.of();
    /** What the view wants read; volatile, so that a read still queued for an older view is skipped. */
    private volatile @Nullable String monthKey;
    private List<OpsEvent> entries = List.of();
    private boolean entriesCut;
    private volatile @Nullable String entriesKey;
    private @Nullable String selectedId;
    private String filter = "";
    private @Nullable Dialog dialog;
    private @Nullable Runnable onConfirm;
    private String status = "";
    private String live = "";
    private int loadsOut;
    private boolean reloadAgain;
    private @Nullable Undo undo;
    private boolean quit;
    private long drawnData;

    public Session(AlmanacApi api, Clock clock, Executor background, Executor ui, boolean color) {
        this.api = api;
        this.clock = clock;
        this.background = background;
        this.ui = ui;
        this.color = color;
    }

    /**
     * Reads the configuration and the calendars (blocking), picks the calendar and the zone, and starts the first read.
     * A month of a named queue is read at once, beside them, in the zone it will most likely be shown in (the one
     * asked for, else this machine's); the configuration may still pick another zone, and then it is read again.
     */
    public void start(@Nullable String calendarId, @Nullable ZoneId wantedZone, Mode startMode) {
        if (calendarId != null && startMode == Mode.MONTH) {
            ZoneId likely = wantedZone != null ? wantedZone : ZoneId.systemDefault();
            readMonth(calendarId, LocalDate.now(clock.withZone(likely)), likely, false);
        }
        // The calendars on a thread of their own while this one reads the configuration: three answers awaited at once.
        java.util.concurrent.FutureTask<List<CalendarInfo>> calendarsRead = new java.util.concurrent.FutureTask<>(api::calendars);
        Thread reader = new Thread(calendarsRead, "almanac-tui-calendars");
        reader.setDaemon(true);
        reader.start();
        config = api.config();
        calendars = answer(calendarsRead);
        if (calendars.isEmpty()) {
            throw new ApiProblem(404, "There is no calendar you may read at " + api.base());
        }
        calendarIndex = 0;
        for (int i = 0; i < calendars.size(); i++) {
            if (calendars.get(i).id().equals(calendarId)) {
                calendarIndex = i;
            }
        }
        ZoneId system = ZoneId.systemDefault();
        zone = wantedZone != null ? wantedZone
                : config.supportedTimezones().isEmpty() || config.supportedTimezones().contains(system.getId()) ? system
                : ZoneId.of(config.defaultTimezone());
        mode = startMode;
        cursor = LocalDate.now(clock.withZone(zone));
        load(false);
    }

    private static <T> T answer(java.util.concurrent.FutureTask<T> read) {
        try {
            return read.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public List<String> calendarIds() {
        return calendars.stream().map(CalendarInfo::id).toList();
    }

    public String calendarId() {
        return calendars.get(calendarIndex).id();
    }

    public boolean quit() {
        return quit;
    }

    /** How many reads have been drawn: the benchmark waits on it. */
    public long drawnData() {
        return drawnData;
    }

    public boolean loading() {
        return loadsOut > 0;
    }

    public Model model() {
        return new Model(mode, cursor, LocalDate.now(clock.withZone(zone)), zone, calendars.isEmpty() ? "" : calendars.get(calendarIndex).name(),
                "sunday".equalsIgnoreCase(config.weekStart()) ? DayOfWeek.SUNDAY : DayOfWeek.MONDAY, "12h".equals(config.timeFormat()),
                month, entries, selectedId, filter, dialog, status, live, loadsOut > 0, config.densityColors(), color, entriesCut);
    }

    // ---------------------------------------------------------------- reads

    /** Reads what the view shows unless it holds it already; {@code force} reads it again (a change, a reload). */
    void load(boolean force) {
        if (calendars.isEmpty()) {
            return;
        }
        if (force && loadsOut > 0) {
            reloadAgain = true;
            return;
        }
        String calendar = calendarId();
        ZoneId readZone = zone;
        if (mode == Mode.MONTH) {
            readMonth(calendar, cursor, readZone, force);
        } else {
            LocalDate first = mode == Mode.WEEK ? model().weekStartOf(cursor) : cursor;
            LocalDate last = first.plusDays(mode == Mode.WEEK ? 7 : 1);
            String key = calendar + "|" + first + "|" + last + "|" + readZone;
            if (!force && key.equals(entriesKey)) {
                return;
            }
            entriesKey = key;
            Instant start = first.atStartOfDay(readZone).toInstant();
            Instant end = last.atStartOfDay(readZone).toInstant();
            read(() -> key.equals(entriesKey), () -> api.opsEvents(calendar, start, end, readZone), window -> {
                if (key.equals(entriesKey)) {
                    entries = window.events();
                    entriesCut = window.cut();
                    keepSelectionOnCursorDay();
                }
            });
        }
    }

    private void readMonth(String calendar, LocalDate date, ZoneId readZone, boolean force) {
        String key = calendar + "|" + YearMonth.from(date) + "|" + readZone;
        if (!force && key.equals(monthKey)) {
            return;
        }
        monthKey = key;
        read(() -> key.equals(monthKey), () -> api.month(calendar, date, readZone), days -> {
            if (key.equals(monthKey)) {
                month = days;
            }
        });
    }

    private <T> void read(java.util.function.BooleanSupplier wanted, Supplier<T> read, java.util.function.Consumer<T> apply) {
        loadsOut++;
        background.execute(() -> {
            if (!wanted.getAsBoolean()) {
                // The user moved on before this read's turn came.
                ui.execute(() -> {
                    loadsOut--;
                    afterLoad();
                });
                return;
            }
            try {
                T answer = read.get();
                ui.execute(() -> {
                    loadsOut--;
                    apply.accept(answer);
                    drawnData++;
                    afterLoad();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    loadsOut--;
                    status = "Could not read: " + e.getMessage();
                    afterLoad();
                });
            }
        });
    }

    private void afterLoad() {
        if (loadsOut == 0 && reloadAgain) {
            reloadAgain = false;
            load(true);
        }
    }

    /** A change arrived on the stream: read again what is shown; `live` and `connecting` only relabel. */
    public void onLive(LiveStream.Signal signal) {
        if (signal.isState()) {
            live = signal.type().equals("live") ? "live" : "connecting…";
            return;
        }
        load(true);
    }

    // ---------------------------------------------------------------- keys

    /** Applies a key; the caller draws the next frame. */
    public void onKey(Key key) {
        if (dialog != null) {
            onDialogKey(key);
            return;
        }
        status = "";
        switch (key.name()) {
            case LEFT -> move(-1, 0);
            case RIGHT -> move(1, 0);
            case UP -> move(0, -1);
            case DOWN -> move(0, 1);
            case ENTER -> enter();
            case ESCAPE -> { }
            case BACKSPACE -> { }
            case CHAR -> onChar(key.text());
        }
    }

    private void onChar(String text) {
        switch (text) {
            case "h" -> move(-1, 0);
            case "l" -> move(1, 0);
            case "k" -> move(0, -1);
            case "j" -> move(0, 1);
            case "t" -> {
                cursor = LocalDate.now(clock.withZone(zone));
                selectedId = null;
                keepSelectionOnCursorDay();
                load(false);
            }
            case "m" -> switchMode(Mode.MONTH);
            case "w" -> switchMode(Mode.WEEK);
            case "d" -> switchMode(Mode.DAY);
            case "r" -> reschedule();
            case "p" -> pauseOrResume();
            case "u" -> undo();
            case "/" -> dialog = new Dialog.Prompt("Filter", "Job type, title, run state or source (queue:ID picks a queue)", filter);
            case "z" -> dialog = new Dialog.Prompt("Time zone", "IANA zone", zone.getId());
            case "c" -> switchCalendar((calendarIndex + 1) % calendars.size());
            case "R" -> load(true);
            case "?" -> dialog = new Dialog.Help();
            case "q" -> quit = true;
            default -> { }
        }
    }

    private void switchMode(Mode next) {
        mode = next;
        keepSelectionOnCursorDay();
        load(false);
    }

    private void switchCalendar(int index) {
        calendarIndex = index;
        month = List.of();
        entries = List.of();
        entriesCut = false;
        monthKey = null;
        entriesKey = null;
        selectedId = null;
        status = "Queue " + calendars.get(index).name();
        load(false);
    }

    /** Month: a day sideways, a week up and down. Week and day: a day sideways, an entry up and down. */
    private void move(int days, int entries) {
        if (mode == Mode.MONTH) {
            cursor = cursor.plusDays(days + 7L * entries);
            load(false);
            return;
        }
        if (days != 0) {
            cursor = cursor.plusDays(days);
            selectedId = null;
            keepSelectionOnCursorDay();
            load(false);
            return;
        }
        List<OpsEvent> day = Timeline.of(model(), cursor);
        if (day.isEmpty()) {
            return;
        }
        int at = indexOf(day, selectedId);
        int next = at < 0 ? (entries > 0 ? 0 : day.size() - 1) : Math.max(0, Math.min(day.size() - 1, at + entries));
        selectedId = day.get(next).eventId();
    }

    private static int indexOf(List<OpsEvent> events, @Nullable String id) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).eventId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The selection stays on the cursor's day: kept if it is there, else the day's first entry. */
    private void keepSelectionOnCursorDay() {
        if (mode == Mode.MONTH) {
            return;
        }
        List<OpsEvent> day = Timeline.of(model(), cursor);
        if (indexOf(day, selectedId) < 0) {
            selectedId = day.isEmpty() ? null : day.get(0).eventId();
        }
    }

    private Optional<OpsEvent> selected() {
        return entries.stream().filter(event -> event.eventId().equals(selectedId)).findFirst();
    }

    private void enter() {
        if (mode == Mode.MONTH) {
            switchMode(Mode.DAY);
            return;
        }
        selected().ifPresentOrElse(event -> dialog = new Dialog.Details(event), () -> status = "No entry on this day.");
    }

    private void reschedule() {
        Optional<OpsEvent> event = selected();
        if (event.isEmpty()) {
            status = mode == Mode.MONTH ? "Open a day (Enter or d) and pick an entry to reschedule." : "No entry selected.";
            return;
        }
        if (event.get().reschedule().isEmpty()) {
            status = "“" + event.get().title() + "” offers no reschedule to you now.";
            return;
        }
        LocalDateTime wall = event.get().scheduledAtUtc().atZone(zone).toLocalDateTime();
        dialog = new Dialog.Picker(event.get(), wall, zone, 0);
    }

    private void pauseOrResume() {
        Optional<OpsEvent> event = selected();
        if (event.isEmpty() || event.get().isItem()) {
            status = event.isEmpty() ? "No entry selected." : "“" + event.get().title() + "” is a one-off item, not a rule.";
            return;
        }
        OpsEvent occurrence = event.get();
        Optional<Action> action = occurrence.action("pause").or(() -> occurrence.action("resume"));
        if (action.isEmpty()) {
            status = "The rule " + occurrence.sourceRef() + " offers no pause or resume to you now.";
            return;
        }
        String verb = action.get().name().equals("pause") ? "Pause" : "Resume";
        confirm(verb + " rule", List.of(verb + " the rule " + occurrence.sourceRef() + " (“" + occurrence.title() + "”)?"), () ->
                send(action.get(), action.get().body(), null, verb + "d the rule " + occurrence.sourceRef() + ".",
                        () -> undoRuleAction(occurrence.sourceRef(), verb.equals("Pause") ? "resume" : "pause")));
    }

    /** The opposite lifecycle action, as the feed now offers it on one of the rule's occurrences. */
    private void undoRuleAction(String ruleId, String name) {
        Optional<Action> opposite = entries.stream().filter(event -> event.sourceRef().equals(ruleId))
                .flatMap(event -> event.action(name).stream()).findFirst();
        if (opposite.isEmpty()) {
            status = "The rule " + ruleId + " offers no " + name + " now.";
            return;
        }
        send(opposite.get(), opposite.get().body(), null, "Undone: the rule " + ruleId + " is " + name + "d.", null);
    }

    private void confirm(String title, List<String> lines, Runnable yes) {
        dialog = new Dialog.Confirm(title, lines);
        onConfirm = yes;
    }

    private void undo() {
        Undo last = undo;
        if (last == null || Duration.between(last.at(), clock.instant()).compareTo(UNDO_WINDOW) > 0) {
            undo = null;
            status = "Nothing to undo: a change can be undone for five minutes.";
            return;
        }
        undo = null;
        last.send().run();
    }

    /**
     * Sends an action's command on the background; on success says so, keeps its undo and reads the view again (with
     * the command's consistency token); a refusal opens its problem's message, a 412 with a reload.
     */
    private void send(Action action, Map<String, String> body, @Nullable Long ifMatch, String done, @Nullable Runnable undoIt) {
        status = "Sending…";
        background.execute(() -> {
            try {
                api.command(action.method(), action.path(), body, ifMatch);
                ui.execute(() -> {
                    status = done + (undoIt == null ? "" : " u undoes it within five minutes.");
                    undo = undoIt == null ? null : new Undo(done, clock.instant(), undoIt);
                    load(true);
                });
            } catch (ApiProblem problem) {
                ui.execute(() -> refused(problem));
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    status = "";
                    dialog = new Dialog.Message("Not sent", List.of(Objects.requireNonNullElse(e.getMessage(), e.toString())), false);
                });
            }
        });
    }

    private void refused(ApiProblem problem) {
        status = "";
        if (problem.isStale()) {
            dialog = new Dialog.Message("Changed elsewhere (412)", List.of(problem.getMessage(),
                    "Someone changed it since it was read."), true);
        } else {
            dialog = new Dialog.Message("Refused (" + problem.status() + ")", List.of(problem.getMessage()), false);
        }
    }

    // ---------------------------------------------------------------- dialogs

    private void onDialogKey(Key key) {
        Dialog open = dialog;
        if (open instanceof Dialog.Prompt prompt) {
            onPromptKey(prompt, key);
            return;
        }
        if (open instanceof Dialog.Picker picker) {
            onPickerKey(picker, key);
            return;
        }
        boolean escape = key.name() == Key.Name.ESCAPE || key.is("q");
        if (open instanceof Dialog.Confirm) {
            if (key.name() == Key.Name.ENTER || key.is("y")) {
                Runnable yes = onConfirm;
                dialog = null;
                onConfirm = null;
                if (yes != null) {
                    yes.run();
                }
            } else if (escape || key.is("n")) {
                dialog = null;
                onConfirm = null;
                status = "Nothing sent.";
            }
            return;
        }
        if (open instanceof Dialog.Message message) {
            if (key.name() == Key.Name.ENTER || escape) {
                dialog = null;
                if (message.offersReload() && key.name() == Key.Name.ENTER) {
                    status = "Reloaded.";
                    load(true);
                }
            }
            return;
        }
        if (open instanceof Dialog.Details && (key.is("r") || key.is("p"))) {
            dialog = null;
            onChar(key.text());
            return;
        }
        if (key.name() == Key.Name.ENTER || escape || key.is("?")) {
            dialog = null;
        }
    }

    private void onPromptKey(Dialog.Prompt prompt, Key key) {
        switch (key.name()) {
            case ESCAPE -> dialog = null;
            case BACKSPACE -> {
                String text = prompt.text();
                dialog = new Dialog.Prompt(prompt.title(), prompt.label(),
                        text.isEmpty() ? text : text.substring(0, text.offsetByCodePoints(text.length(), -1)));
            }
            case CHAR -> dialog = new Dialog.Prompt(prompt.title(), prompt.label(), prompt.text() + key.text());
            case ENTER -> {
                dialog = null;
                if (prompt.title().equals("Time zone")) {
                    applyZone(prompt.text().trim());
                } else {
                    applyFilter(prompt.text());
                }
            }
            default -> { }
        }
    }

    private void applyZone(String text) {
        ZoneId next;
        try {
            next = ZoneId.of(text);
        } catch (RuntimeException e) {
            status = "“" + text + "” is no IANA time zone.";
            return;
        }
        if (!config.supportedTimezones().isEmpty() && !config.supportedTimezones().contains(next.getId())) {
            status = "Almanac does not offer the zone " + next.getId() + ".";
            return;
        }
        zone = next;
        status = "Times in " + zone.getId() + ".";
        load(false);
    }

    /** {@code queue:ID} picks the queue (a calendar); the rest filters by job type, title, run state or source. */
    private void applyFilter(String text) {
        List<String> rest = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.toLowerCase(Locale.ROOT).startsWith("queue:")) {
                String id = word.substring("queue:".length());
                int index = calendarIds().indexOf(id);
                if (index < 0) {
                    status = "No queue " + id + " that you may read.";
                    return;
                }
                switchCalendar(index);
            } else if (!word.isEmpty()) {
                rest.add(word);
            }
        }
        filter = String.join(" ", rest);
        keepSelectionOnCursorDay();
    }

    private void onPickerKey(Dialog.Picker picker, Key key) {
        int field = picker.field();
        LocalDateTime wall = picker.wall();
        if (key.name() == Key.Name.ESCAPE || key.is("q")) {
            dialog = null;
            status = "Nothing rescheduled.";
            return;
        }
        if (key.name() == Key.Name.LEFT || key.is("h")) {
            field = (field + 2) % 3;
        } else if (key.name() == Key.Name.RIGHT || key.is("l")) {
            field = (field + 1) % 3;
        } else if (key.name() == Key.Name.UP || key.is("k") || key.name() == Key.Name.DOWN || key.is("j")) {
            int step = key.name() == Key.Name.UP || key.is("k") ? 1 : -1;
            wall = switch (field) {
                case 0 -> wall.plusDays(step);
                case 1 -> wall.plusHours(step);
                default -> wall.plusMinutes(5L * step);
            };
        } else if (key.name() == Key.Name.ENTER) {
            confirmReschedule(picker);
            return;
        }
        dialog = new Dialog.Picker(picker.event(), wall, picker.zone(), field);
    }

    private void confirmReschedule(Dialog.Picker picker) {
        OpsEvent event = picker.event();
        Action action = event.reschedule().orElseThrow();
        Instant to = picker.at().toInstant();
        String from = Formats.moment(event.scheduledAtUtc().atZone(zone), false);
        String target = Formats.moment(picker.at(), false);
        confirm("Confirm reschedule", List.of("Move “" + event.title() + "”", "from " + from, "to   " + target + "?"), () -> {
            Map<String, String> body = new java.util.LinkedHashMap<>(action.body());
            body.put("new_time", to.toString());
            body.put("reason", "Rescheduled in almanac-tui");
            send(action, body, event.isItem() ? event.version() : null, "Moved “" + event.title() + "” to " + target + ".",
                    event.isItem() ? () -> undoItem(event) : null);
        });
    }

    private void undoItem(OpsEvent event) {
        status = "Undoing…";
        background.execute(() -> {
            try {
                api.undo(event.sourceRef());
                ui.execute(() -> {
                    status = "Undone: “" + event.title() + "” is back.";
                    load(true);
                });
            } catch (ApiProblem problem) {
                ui.execute(() -> refused(problem));
            } catch (RuntimeException e) {
                ui.execute(() -> status = "Undo not sent: " + e.getMessage());
            }
        });
    }
}
