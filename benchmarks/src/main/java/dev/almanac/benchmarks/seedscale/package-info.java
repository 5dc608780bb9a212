/** The seed-scale benchmark: PERF-SCALE's 10,000 rules loaded through the API of a local stack, and what every side of it then shows. */
@NullMarked
package dev.almanac.benchmarks.seedscale;

import org.jspecify.annotations.NullMarked;
