/** Consumes almanac.rules.v1: stores each new rule and materialises its first pass before the offset is committed. */
@NullMarked
package dev.almanac.rules.intake;

import org.jspecify.annotations.NullMarked;
