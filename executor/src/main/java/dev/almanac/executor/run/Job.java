package dev.almanac.executor.run;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.HttpTarget;

/** A due attempt to run: its target, or, for one whose target cannot work, why not. */
public record Job(OccurrenceDue due, EventMetadata dispatch, @Nullable HttpTarget target, @Nullable String unusableTarget) {
}
