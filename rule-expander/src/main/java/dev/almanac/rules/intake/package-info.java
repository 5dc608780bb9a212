/** Consumes almanac.rules.v1: stores each rule and its pause, resume or deletion, and publishes what each leaves to do (first pass, retractions) before the offset is committed. */
@NullMarked
package dev.almanac.rules.intake;

import org.jspecify.annotations.NullMarked;
