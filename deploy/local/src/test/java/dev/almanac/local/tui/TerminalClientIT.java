package dev.almanac.local.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.local.Checkout;
import dev.almanac.local.LocalStack;
import dev.almanac.local.TestStack;

/**
 * almanac-tui in a real terminal (tmux) against the real stack, driven by keys as a person would: the month, a day,
 * the reschedule picker and its confirmation, undo, and another client's change arriving over SSE. Each step asserts
 * the captured screen and what the API then holds. Skipped, saying why, where tmux is not installed.
 */
class TerminalClientIT {

    private static final Logger log = LoggerFactory.getLogger(TerminalClientIT.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path JAR = Checkout.root().resolve("tui/target/almanac-tui.jar");

    private static String api;
    private static Tmux tmux;

    @BeforeAll
    static void startTheStack() {
        String missing = Tmux.missing();
        if (missing != null) {
            log.warn("TerminalClientIT is skipped: {}", missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "no terminal to drive: " + missing);
        assertThat(JAR).as("almanac-tui's jar; build the tui module first").exists();
        LocalStack stack = TestStack.shared();
        api = stack.gatewayUrl() + "/api/v1";
        tmux = new Tmux("almanac-it-" + UUID.randomUUID().toString().substring(0, 8), stack.gatewayUrl());
    }

    @AfterAll
    static void stopTheTerminal() {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    void anOperatorFindsAnItemInTheMonthReschedulesItByKeysUndoesItAndSeesAnotherClientsChangeLive() {
        String calendar = "tui-" + UUID.randomUUID().toString().substring(0, 8);
        post("/calendars", Map.of("id", calendar, "name", "Terminal ops", "type", "venue", "timezone", "America/New_York",
                "capacity", 5, "overbooking_policy", "allow"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/calendars/" + calendar) == 200);
        LocalDate day = LocalDate.now(NEW_YORK).plusDays(7);
        Instant ten = day.atTime(10, 0).atZone(NEW_YORK).toInstant();
        String item = "tui-item-" + UUID.randomUUID();
        post("/schedules", Map.of("id", item, "calendar_id", calendar, "title", "Disk rotation", "type", "maintenance",
                "start", ten.toString(), "end", ten.plus(Duration.ofHours(1)).toString(), "timezone", "America/New_York"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/schedules/" + item) == 200);

        tmux.start("--calendar", calendar, "--zone", "America/New_York");
        tmux.awaitScreen("the month of today", screen -> screen.contains("Terminal ops")
                && screen.contains(monthTitle(LocalDate.now(NEW_YORK))) && screen.contains("America/New_York"));

        // A week down is the item's day: the month it is in counts it, in the heatmap's cell of its day.
        tmux.keys("j");
        tmux.awaitScreen("the item's day selected in its month", screen -> screen.contains(monthTitle(day))
                && screen.contains("[" + day.getDayOfMonth() + "]") && screen.contains("1 entry this month"));

        // Enter opens the day: its hours, the item at 10:00 with its run state.
        tmux.keys("Enter");
        tmux.awaitScreen("the day view with the item", screen -> screen.contains("10:00  Disk rotation  · scheduled · item"));

        // r: the picker on the item's wall-clock time; a day later and an hour later, then the confirmation.
        tmux.keys("r");
        tmux.awaitScreen("the picker", screen -> screen.contains("Reschedule “Disk rotation”") && screen.contains(day + "]"));
        tmux.keys("k", "l", "k", "Enter");
        ZonedDateTime target = day.plusDays(1).atTime(11, 0).atZone(NEW_YORK);
        tmux.awaitScreen("the confirmation", screen -> screen.contains("Confirm reschedule")
                && screen.contains("to   " + dayLabel(target.toLocalDate()) + " 11:00"));
        assertThat(start(item)).as("nothing is sent before the confirmation").isEqualTo(ten);
        tmux.keys("y");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(start(item)).isEqualTo(target.toInstant()));
        tmux.awaitScreen("the move confirmed", screen -> screen.contains("Moved “Disk rotation” to"));

        // The next day holds it now.
        tmux.keys("l");
        tmux.awaitScreen("the item on its new day", screen -> screen.contains("11:00  Disk rotation"));

        // u undoes the move within five minutes.
        tmux.keys("u");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(start(item)).isEqualTo(ten));
        tmux.awaitScreen("the undo confirmed", screen -> screen.contains("Undone: “Disk rotation” is back."));

        // Another client books this day once every read is in: the stream brings it without a key pressed.
        tmux.awaitScreen("every read answered", screen -> !screen.contains("loading…"));
        Instant three = day.plusDays(1).atTime(15, 0).atZone(NEW_YORK).toInstant();
        post("/schedules", Map.of("id", "tui-other-" + UUID.randomUUID(), "calendar_id", calendar, "title", "Vendor call",
                "type", "meeting", "start", three.toString(), "end", three.plus(Duration.ofMinutes(30)).toString(),
                "timezone", "America/New_York"));
        tmux.awaitScreen("another client's item, live", screen -> screen.contains("15:00  Vendor call"));

        tmux.keys("q");
        tmux.awaitScreen("the client ended", screen -> screen.contains("almanac-tui exited 0"));
    }

    private static String monthTitle(LocalDate date) {
        return date.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + date.getYear();
    }

    private static String dayLabel(LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.ENGLISH).format(date);
    }

    private static Instant start(String item) {
        return Instant.parse(getJson("/schedules/" + item).get("start").asString());
    }

    private static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void post(String path, Object body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tmux server of the test's own (its own socket), one window of 100x30 running the client. */
    private static final class Tmux implements AutoCloseable {

        private final String socket;
        private final String gateway;

        Tmux(String socket, String gateway) {
            this.socket = socket;
            this.gateway = gateway;
        }

        /** Why tmux cannot be driven here, or null. */
        static String missing() {
            try {
                Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
                if (!version.waitFor(10, TimeUnit.SECONDS) || version.exitValue() != 0) {
                    return "tmux -V failed";
                }
                return null;
            } catch (IOException e) {
                return "tmux is not installed (Debian: apt-get install tmux)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        void start(String... args) {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                    "--base-url", gateway));
            command.addAll(List.of(args));
            // The window stays after the client ends, saying how it ended, so the test reads the last screen.
            String shell = "TERM=xterm-256color LC_ALL=C.UTF-8 " + String.join(" ", command.stream().map(Tmux::quote).toList())
                    + "; echo almanac-tui exited $?; sleep 600";
            run("new-session", "-d", "-s", "tui", "-x", "100", "-y", "30", shell);
        }

        void keys(String... keys) {
            for (String key : keys) {
                run("send-keys", "-t", "tui", key);
            }
        }

        String screen() {
            return run("capture-pane", "-p", "-t", "tui");
        }

        void awaitScreen(String what, java.util.function.Predicate<String> shows) {
            String[] last = {""};
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    last[0] = screen();
                    return shows.test(last[0]);
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the screen does not show " + what + "; it shows:\n" + last[0], e);
            }
            log.info("screen with {}:\n{}", what, last[0]);
        }

        private String run(String... args) {
            // -u and a UTF-8 locale: the screen holds box drawing and quotation marks, which tmux would otherwise replace.
            List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
            command.addAll(List.of(args));
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("LC_ALL", "C.UTF-8");
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String quote(String word) {
            return "'" + word.replace("'", "'\\''") + "'";
        }

        @Override
        public void close() {
            try {
                run("kill-server");
            } catch (RuntimeException e) {
                // Already gone.
            }
        }
    }
}
