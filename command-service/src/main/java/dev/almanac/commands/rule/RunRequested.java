package dev.almanac.commands.rule;

import java.time.Instant;

import dev.almanac.events.rule.OccurrenceId;

/** What a run now started: the run's occurrence id, when it was asked for, and the rule's new version. */
record RunRequested(OccurrenceId runId, Instant requestedAt, long version) {
}
