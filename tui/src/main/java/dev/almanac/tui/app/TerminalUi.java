package dev.almanac.tui.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jspecify.annotations.Nullable;

import dev.almanac.tui.api.AlmanacApi;
import dev.almanac.tui.api.LiveStream;
import dev.almanac.tui.view.PlainList;
import dev.almanac.tui.view.Screen;
import dev.almanac.tui.view.Text;

/**
 * The terminal side: JLine's terminal in raw mode, keys read on the main thread, every change of the session made
 * and drawn on one UI thread, a frame drawn by JLine's {@link Display} (which sends only the lines that changed), a
 * redraw on SIGWINCH. In plain mode each changed view is printed as lines instead, for screen readers.
 */
public final class TerminalUi {

    private static final Key QUIT = Key.typed("q");

    private final Options options;
    /** Set once built; the first reads go out while it is. */
    private volatile @Nullable Terminal terminal;
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(daemon("almanac-tui-ui"));
    /** One read at a time: a page of the feed parsed is the largest thing in the small heap the launcher gives. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemon("almanac-tui-read"));
    private final Session session;
    private final AlmanacApi api;
    private final AtomicBoolean done = new AtomicBoolean();
    private @Nullable Display display;
    private @Nullable LiveStream live;
    private @Nullable String followed;
    private List<String> printed = List.of();
    private final Benchmark benchmark = new Benchmark();

    private TerminalUi(Options options) {
        this.options = options;
        this.api = new AlmanacApi(options.baseUrl(), options.identity());
        this.session = new Session(api, Clock.systemDefaultZone(), background, this::onUi, !options.plain());
    }

    /** Runs the client until q; answers the process's exit code. */
    public static int run(Options options) throws IOException {
        TerminalUi ui = new TerminalUi(options);
        // The configuration, the calendars and the month are read while the terminal is set up (stty runs as a process).
        java.util.concurrent.Future<@Nullable String> started = ui.uiThread.submit(() -> {
            try {
                ui.session.start(options.calendar(), options.zone(), options.view());
                return null;
            } catch (RuntimeException e) {
                return e.getMessage() == null ? e.toString() : e.getMessage();
            }
        });
        try (Terminal terminal = systemTerminal()) {
            return ui.loop(terminal, started);
        }
    }

    /**
     * JLine's terminal through its JNI provider alone: left to itself JLine loads each of its five providers to ask
     * which streams are terminals, and its exec provider then runs a process for a redirected stream. The exec provider
     * (stty), and a dumb terminal after it, remain for where the native library cannot load.
     */
    private static Terminal systemTerminal() throws IOException {
        if (System.getProperty("org.jline.terminal.providers") == null && System.getProperty("org.jline.terminal.provider") == null) {
            try {
                return terminalBuilder().provider("jni").dumb(false).build();
            } catch (IOException | RuntimeException | LinkageError e) {
                // No native library here (an unknown platform, a temporary directory mounted noexec): as JLine chooses.
            }
        }
        return terminalBuilder().jansi(false).jna(false).build();
    }

    private static TerminalBuilder terminalBuilder() {
        // The frame draws box lines and quotation marks; a terminal without UTF-8 wants --plain.
        TerminalBuilder builder = TerminalBuilder.builder().system(true).name("almanac-tui").encoding(StandardCharsets.UTF_8);
        String type = System.getenv("TERM");
        if ("tmux".equals(type) || "tmux-256color".equals(type)) {
            // JLine carries screen's capabilities and not tmux's, for which it would run infocmp at every start; the two
            // differ in italics alone, which the client does not use.
            builder.type(type.replace("tmux", "screen"));
        }
        return builder;
    }

    private int loop(Terminal terminal, java.util.concurrent.Future<@Nullable String> started) throws IOException {
        Attributes original = terminal.enterRawMode();
        boolean fullScreen = !options.plain();
        String failure = null;
        try {
            if (fullScreen) {
                terminal.puts(Capability.enter_ca_mode);
                terminal.puts(Capability.keypad_xmit);
                terminal.puts(Capability.cursor_invisible);
                display = new Display(terminal, true);
            }
            onSignal(terminal, Terminal.Signal.WINCH, () -> onUi(this::resized));
            onSignal(terminal, Terminal.Signal.INT, () -> onUi(() -> done.set(true)));
            // From here on frames are drawn, full screen or as the plain list.
            this.terminal = terminal;
            failure = started.get();
            if (failure == null) {
                onUi(this::resized);
                if (options.benchmarkSeconds() >= 0) {
                    benchmark.run(this, options.benchmarkSeconds());
                } else {
                    readKeys(terminal);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            failure = String.valueOf(e.getCause());
        } finally {
            if (live != null) {
                live.close();
            }
            uiThread.shutdownNow();
            background.shutdownNow();
            if (fullScreen) {
                terminal.puts(Capability.cursor_visible);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
            }
            terminal.setAttributes(original);
            terminal.flush();
        }
        if (failure != null) {
            terminal.writer().println("almanac-tui: " + failure);
            terminal.flush();
            return 1;
        }
        if (options.benchmarkSeconds() >= 0) {
            // On standard error, so that a run can keep it (2> file) while the screen stays a terminal.
            System.err.println(benchmark.report());
        }
        return 0;
    }

    /**
     * The JVM's own signal handler: JLine's {@code Terminal.handle} reaches it by reflection through a dynamic proxy,
     * whose generator loaded 185 classes on the way to the first frame.
     */
    @SuppressWarnings("removal")
    private static void onSignal(Terminal terminal, Terminal.Signal signal, Runnable handler) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal.name()), raised -> handler.run());
        } catch (IllegalArgumentException | LinkageError notHere) {
            terminal.handle(signal, raised -> handler.run());
        }
    }

    private void readKeys(Terminal terminal) {
        BindingReader reader = new BindingReader(terminal.reader());
        KeyMap<Key> keys = keyMap(terminal);
        while (!done.get()) {
            Key key = reader.readBinding(keys, null, true);
            if (key == null) {
                return;
            }
            Key pressed = key.name() == Key.Name.CHAR && key.text().isEmpty() ? Key.typed(reader.getLastBinding()) : key;
            press(pressed);
        }
    }

    /** Applies a key on the UI thread and draws; answers once the frame is out, with how long that took. */
    long press(Key key) {
        long pressed = System.nanoTime();
        CountDownLatch drawn = new CountDownLatch(1);
        uiThread.execute(() -> {
            session.onKey(key);
            if (session.quit()) {
                done.set(true);
            } else {
                draw();
            }
            drawn.countDown();
        });
        try {
            drawn.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.nanoTime() - pressed;
    }

    private KeyMap<Key> keyMap(Terminal terminal) {
        KeyMap<Key> keys = new KeyMap<>();
        for (char c = 32; c < 127; c++) {
            keys.bind(Key.typed(String.valueOf(c)), String.valueOf(c));
        }
        keys.setUnicode(Key.typed(""));
        keys.setNomatch(Key.typed(""));
        bind(terminal, keys, Key.of(Key.Name.UP), Capability.key_up, "\033[A", "\033OA");
        bind(terminal, keys, Key.of(Key.Name.DOWN), Capability.key_down, "\033[B", "\033OB");
        bind(terminal, keys, Key.of(Key.Name.RIGHT), Capability.key_right, "\033[C", "\033OC");
        bind(terminal, keys, Key.of(Key.Name.LEFT), Capability.key_left, "\033[D", "\033OD");
        keys.bind(Key.of(Key.Name.ENTER), "\r", "\n");
        keys.bind(Key.of(Key.Name.BACKSPACE), "\177", "\b");
        keys.bind(Key.of(Key.Name.ESCAPE), "\033");
        keys.bind(QUIT, "\003");
        // A lone Esc is told from an arrow's escape sequence by this pause.
        keys.setAmbiguousTimeout(60);
        return keys;
    }

    private static void bind(Terminal terminal, KeyMap<Key> keys, Key key, Capability capability, String... sequences) {
        String fromTerminfo = KeyMap.key(terminal, capability);
        if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
            keys.bind(key, fromTerminfo);
        }
        keys.bind(key, sequences);
    }

    /** Every change to the session runs here, and is drawn after it. */
    private void onUi(Runnable change) {
        if (uiThread.isShutdown()) {
            return;
        }
        uiThread.execute(() -> {
            change.run();
            if (!done.get()) {
                draw();
            }
        });
    }

    private void resized() {
        Terminal terminal = this.terminal;
        if (display != null && terminal != null) {
            Size size = terminal.getSize();
            terminal.puts(Capability.clear_screen);
            display.clear();
            display.resize(size.getRows(), size.getColumns());
        }
    }

    private void draw() {
        Terminal terminal = this.terminal;
        if (terminal == null) {
            // Still being set up: the frame after it draws what was read meanwhile.
            return;
        }
        follow();
        if (display == null) {
            List<String> lines = PlainList.render(session.model());
            if (!lines.equals(printed)) {
                printed = lines;
                PrintWriter out = terminal.writer();
                lines.forEach(line -> out.print(line + "\r\n"));
                out.print("\r\n");
            }
        } else {
            Size size = terminal.getSize();
            int rows = Math.max(1, size.getRows());
            int columns = Math.max(1, size.getColumns());
            List<AttributedString> frame = new ArrayList<>(Screen.render(session.model(), columns, rows));
            // Writing the bottom-right cell would scroll the screen on terminals with automatic margins.
            int last = frame.size() - 1;
            frame.set(last, Text.exactly(frame.get(last), columns - 1));
            display.resize(rows, columns);
            display.update(frame, size.cursorPos(rows - 1, columns - 1));
        }
        terminal.flush();
        benchmark.drawn(session);
    }

    /** The stream follows the queue shown; another queue, another stream. */
    private void follow() {
        String calendar = session.calendarIds().isEmpty() ? null : session.calendarId();
        if (calendar == null || calendar.equals(followed)) {
            return;
        }
        if (live != null) {
            live.close();
        }
        followed = calendar;
        live = new LiveStream(api, List.of(calendar), signal -> onUi(() -> session.onLive(signal))).start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The documented benchmark (docs/benchmarks.md): start to the first month drawn with its data, then keys pressed
     * through the same path as the keyboard's for a while, each timed from the press to its frame being out, and the
     * process's resident memory sampled throughout. The start is the launcher's (ALMANAC_TUI_LAUNCHED, its
     * EPOCHREALTIME), else the process's: the JVM's own start and the launch script count.
     */
    final class Benchmark {

        /** Wall-clock milliseconds when the first month with its data was out; read at the report, not on the way. */
        private volatile long firstMonthAtMillis = -1;
        private final List<Long> keyNanos = Collections.synchronizedList(new ArrayList<>());
        private long maxRssKb;
        private long lastRssKb;
        private int keysPressed;
        private long readsDrawn;

        void drawn(Session drawnSession) {
            if (firstMonthAtMillis < 0 && drawnSession.drawnData() > 0) {
                firstMonthAtMillis = System.currentTimeMillis();
            }
        }

        /** Presses keys for {@code seconds} after the first month; 0 quits once it is drawn. */
        void run(TerminalUi ui, int seconds) {
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(seconds, 30));
            while (firstMonthAtMillis < 0 && System.nanoTime() < waitUntil) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            sampleRss();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            // A walk over the views: days, weeks, months forth and back, the week and day timelines, the help.
            String walk = "llljjkkhhhwjjjlljjkkdjjkkhhlmjjjkkk?" + "\033" + "tmhhhhkkkkllll";
            long lastSample = 0;
            while (System.nanoTime() < deadline && !done.get()) {
                for (int i = 0; i < walk.length() && System.nanoTime() < deadline; i++) {
                    char c = walk.charAt(i);
                    Key key = c == '\033' ? Key.of(Key.Name.ESCAPE) : Key.typed(String.valueOf(c));
                    keyNanos.add(ui.press(key));
                    keysPressed++;
                    // Give each read its time to answer, as a person reading the screen would.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(40));
                    if (System.nanoTime() - lastSample > TimeUnit.SECONDS.toNanos(1)) {
                        sampleRss();
                        lastSample = System.nanoTime();
                    }
                }
            }
            readsDrawn = session.drawnData();
            sampleRss();
        }

        private void sampleRss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        lastRssKb = Long.parseLong(line.replaceAll("\\D", ""));
                        maxRssKb = Math.max(maxRssKb, lastRssKb);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No /proc: the report says 0.
            }
        }

        private long startedAtMillis() {
            String launched = System.getenv("ALMANAC_TUI_LAUNCHED");
            if (launched != null && launched.matches("\\d+[.,]\\d{1,9}")) {
                String[] parts = launched.split("[.,]");
                return Long.parseLong(parts[0]) * 1000 + Long.parseLong((parts[1] + "000").substring(0, 3));
            }
            return ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(firstMonthAtMillis);
        }

        String report() {
            List<Long> sorted = new ArrayList<>(keyNanos);
            Collections.sort(sorted);
            double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
            double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
            double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
            return String.format("almanac-tui benchmark: start to first month drawn %d ms; %d keys, key to redraw p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms; %d reads drawn; resident memory max %d MB, at the end %d MB",
                    firstMonthAtMillis < 0 ? -1 : firstMonthAtMillis - startedAtMillis(), keysPressed, p50, p99, max, readsDrawn, maxRssKb / 1024, lastRssKb / 1024);
        }
    }
}
