package dev.almanac.tui;

import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.almanac.tui.api.Identity;
import dev.almanac.tui.app.Options;
import dev.almanac.tui.app.TerminalUi;
import dev.almanac.tui.view.Mode;

/** {@code almanac-tui [options]}: seed 000's terminal calendar over Almanac's public APIs. */
public final class AlmanacTui {

    static final String USAGE = """
            usage: almanac-tui [options]
              --base-url URL     Almanac's gateway (default $ALMANAC_BASE_URL, else http://127.0.0.1:8080)
              --token TOKEN      a bearer token (JWT mode; default $ALMANAC_TOKEN)
              --user ID          act as this user (development mode's X-Almanac-User)
              --roles ROLES      development mode's X-Almanac-Roles, such as admin
              --calendar ID      the queue (calendar) to open (default: the first you may read)
              --zone ZONE        IANA time zone of the views (default: this machine's); z switches it
              --view VIEW        month (default), week or day
              --plain            a plain list for screen readers and terminals without colour (also when NO_COLOR is set)
              --benchmark SECS   draw the month, press keys for SECS seconds (0: none), print the timings and quit
            """;

    private AlmanacTui() {
    }

    public static void main(String[] args) throws Exception {
        // Box lines go out as the UTF-8 characters they are: JLine would otherwise switch to the VT100 line-drawing set,
        // which a terminal multiplexer's capture and some fonts show as letters.
        System.setProperty("org.jline.utils.disableAlternateCharset", "true");
        Options options;
        try {
            options = parse(args, System.getenv("ALMANAC_BASE_URL"), System.getenv("ALMANAC_TOKEN"), System.getenv("NO_COLOR"));
        } catch (IllegalArgumentException e) {
            System.err.println("almanac-tui: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        System.exit(TerminalUi.run(options));
    }

    /** The options, or null for --help. NO_COLOR set to anything but the empty string asks for the plain list. */
    static @Nullable Options parse(String[] args, @Nullable String baseUrl, @Nullable String token, @Nullable String noColor) {
        String base = baseUrl == null || baseUrl.isBlank() ? "http://127.0.0.1:8080" : baseUrl;
        String user = null;
        String roles = null;
        String calendar = null;
        ZoneId zone = null;
        Mode view = Mode.MONTH;
        boolean plain = noColor != null && !noColor.isEmpty();
        int benchmark = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean takesValue = java.util.Set.of("--base-url", "--token", "--user", "--roles", "--calendar", "--zone", "--view",
                    "--benchmark").contains(name);
            if (!takesValue && !java.util.Set.of("--plain", "--help", "-h").contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            String value = null;
            if (takesValue) {
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
            }
            switch (name) {
                case "--base-url" -> base = value;
                case "--token" -> token = value;
                case "--user" -> user = value;
                case "--roles" -> roles = value;
                case "--calendar" -> calendar = value;
                case "--zone" -> {
                    try {
                        zone = ZoneId.of(value);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(value + " is no IANA time zone");
                    }
                }
                case "--view" -> {
                    try {
                        view = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--view takes month, week or day");
                    }
                }
                case "--plain" -> plain = true;
                case "--benchmark" -> {
                    try {
                        benchmark = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        benchmark = -1;
                    }
                    if (benchmark < 0) {
                        throw new IllegalArgumentException("--benchmark takes seconds, 0 or more");
                    }
                }
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new Options(URI.create(base), new Identity(token, user, roles), calendar, zone, view, plain, benchmark);
    }
}
