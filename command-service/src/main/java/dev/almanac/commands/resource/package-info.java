/**
 * Resources that items and rules' occurrences book besides their calendar (SCH-RESOURCE, SCH-030): creating them, and marking them
 * unavailable or available over a range, with unavailable ranges that never overlap (SCH-031).
 */
@NullMarked
package dev.almanac.commands.resource;

import org.jspecify.annotations.NullMarked;
