/** Logs: plain text or Spring Boot's structured JSON ({@code ALMANAC_LOG_FORMAT}), and the trace and correlation ids of the work a line is about. */
@NullMarked
package dev.almanac.platform.logging;

import org.jspecify.annotations.NullMarked;
