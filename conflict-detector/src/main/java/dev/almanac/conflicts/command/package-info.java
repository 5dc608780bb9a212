/**
 * The conflict lifecycle commands over HTTP (resolve, escalate, dismiss): each is written to the
 * command topic and applied by the stream task that owns the conflict, and the request awaits
 * that task's outcome (ADR 0017).
 */
@NullMarked
package dev.almanac.conflicts.command;

import org.jspecify.annotations.NullMarked;
