/** The console's benchmark (PERF-CONSOLE): view loads and changes measured in Chromium, and 1,000 live streams. */
@NullMarked
package dev.almanac.benchmarks.console;

import org.jspecify.annotations.NullMarked;
