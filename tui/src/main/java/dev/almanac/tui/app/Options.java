package dev.almanac.tui.app;

import java.net.URI;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.tui.api.Identity;
import dev.almanac.tui.view.Mode;

/**
 * How the client was started.
 *
 * @param benchmarkSeconds from 0: after the first month is drawn, press keys for this long, then report the timings;
 *                         -1: no benchmark
 */
public record Options(URI baseUrl, Identity identity, @Nullable String calendar, @Nullable ZoneId zone, Mode view, boolean plain,
                      int benchmarkSeconds) {
}
