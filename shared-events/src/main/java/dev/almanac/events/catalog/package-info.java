/**
 * The catalogue of every topic and event type. It sits above the topics' packages, which it lists, so that they and
 * the value types at the root ({@code AlmanacEvent}, {@code TimeRange}, ...) form no cycle with it.
 */
@NullMarked
package dev.almanac.events.catalog;

import org.jspecify.annotations.NullMarked;
