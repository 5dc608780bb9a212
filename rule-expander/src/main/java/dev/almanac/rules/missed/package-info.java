/** Missed runs (ADR 0023): the run reports of almanac.runs.v1, and the check that finds occurrences with none in time, and catches up as each rule says. */
@NullMarked
package dev.almanac.rules.missed;

import org.jspecify.annotations.NullMarked;
