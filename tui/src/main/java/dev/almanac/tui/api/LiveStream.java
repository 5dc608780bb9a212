package dev.almanac.tui.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Follows calendars on GET /api/v1/stream (ADR 0038) on a daemon thread: every change, and {@code ready} or
 * {@code reset}, tells the listener to refetch what it shows. Reconnects with Last-Event-ID, backing off to 30 s.
 * {@link #close()} ends it at once; its connection is closed as soon as the read blocked on it returns.
 */
public final class LiveStream implements AutoCloseable {

    /** What the listener hears: a change (or a reset) to refetch for, or the connection's state. */
    public record Signal(String type, @Nullable String consistencyToken) {
        public boolean isState() {
            return type.equals("live") || type.equals("connecting");
        }
    }

    /** The stream sends a comment after 15 s without an event: three missed, and the connection is taken for dead. */
    private static final int SILENCE_MILLIS = 45_000;

    private final AlmanacApi api;
    private final List<String> calendarIds;
    private final Consumer<Signal> listener;
    private final Thread thread;
    private volatile boolean closed;
    private @Nullable String lastEventId;
    private volatile @Nullable HttpURLConnection connection;

    public LiveStream(AlmanacApi api, List<String> calendarIds, Consumer<Signal> listener) {
        this.api = api;
        this.calendarIds = List.copyOf(calendarIds);
        this.listener = listener;
        this.thread = new Thread(this::run, "almanac-tui-live");
        thread.setDaemon(true);
    }

    public LiveStream start() {
        thread.start();
        return this;
    }

    private void run() {
        long retry = 1000;
        while (!closed) {
            listener.accept(new Signal("connecting", null));
            try {
                URI uri = api.resolve("/api/v1/stream", Map.of());
                StringBuilder ids = new StringBuilder();
                for (String id : calendarIds) {
                    ids.append(ids.length() == 0 ? "?" : "&").append("calendar_id=").append(AlmanacApi.segment(id));
                }
                HttpURLConnection request = api.open(URI.create(uri + ids.toString()), "text/event-stream", SILENCE_MILLIS);
                if (lastEventId != null) {
                    request.setRequestProperty("Last-Event-ID", lastEventId);
                }
                connection = request;
                if (closed) {
                    return;
                }
                int status = request.getResponseCode();
                if (status == 200) {
                    retry = 1000;
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
                        read(lines);
                    }
                } else {
                    request.disconnect();
                    String after = request.getHeaderField("Retry-After");
                    retry = after == null ? retry * 2 : Long.parseLong(after.trim()) * 1000;
                }
            } catch (IOException | RuntimeException e) {
                // The stack went away or restarted, or close() ended the read: try again after the back-off.
            }
            if (closed) {
                return;
            }
            listener.accept(new Signal("connecting", null));
            try {
                Thread.sleep(Math.min(retry, 30_000));
            } catch (InterruptedException e) {
                return;
            }
            retry = Math.min(retry * 2, 30_000);
        }
    }

    /** text/event-stream: fields per line, an event at each blank line, comments ignored. */
    private void read(BufferedReader lines) throws IOException {
        String type = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while (!closed && (line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 || !type.equals("message")) {
                    dispatch(type, data.toString());
                }
                type = "message";
                data.setLength(0);
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> type = value;
                case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                case "id" -> lastEventId = value;
                default -> { }
            }
        }
    }

    private void dispatch(String type, String data) {
        if (type.equals("ready") || type.equals("reset")) {
            listener.accept(new Signal("live", null));
            listener.accept(new Signal("refetch", null));
            return;
        }
        String token = null;
        int at = data.indexOf("\"consistency_token\"");
        if (at >= 0) {
            int open = data.indexOf('"', data.indexOf(':', at) + 1);
            int close = open < 0 ? -1 : data.indexOf('"', open + 1);
            token = close < 0 ? null : data.substring(open + 1, close);
        }
        listener.accept(new Signal(type, token));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        HttpURLConnection open = connection;
        if (open != null) {
            // disconnect() waits for the lock that the blocked read holds, until the next comment line (15 s): a quit or
            // a switch of queue does not wait with it.
            Thread closer = new Thread(open::disconnect, "almanac-tui-live-close");
            closer.setDaemon(true);
            closer.start();
        }
    }
}
