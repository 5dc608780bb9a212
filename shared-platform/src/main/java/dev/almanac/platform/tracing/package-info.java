/**
 * Traces (ADR 0089): the W3C trace context a request, a command or a record belongs to, continued by Micrometer Tracing
 * on OpenTelemetry in every service.
 */
@NullMarked
package dev.almanac.platform.tracing;

import org.jspecify.annotations.NullMarked;
