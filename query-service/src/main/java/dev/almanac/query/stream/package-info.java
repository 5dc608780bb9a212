/**
 * Live updates ({@code GET /stream}, server-sent events, ADR 0038): one group-less Kafka reader per
 * process ({@link dev.almanac.query.stream.StreamReader}) feeds a hub ({@link dev.almanac.query.stream.StreamHub})
 * that tells each subscriber of a calendar about a change once the read models hold it, and
 * resumes a reconnecting client from a bounded buffer of recent changes.
 */
@NullMarked
package dev.almanac.query.stream;

import org.jspecify.annotations.NullMarked;
