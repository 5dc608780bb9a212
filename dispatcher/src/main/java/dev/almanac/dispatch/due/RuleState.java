package dev.almanac.dispatch.due;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.recurrence.timeline.RuleTimeline;

/**
 * A rule folded from its events: its timeline (every occurrence, as rule-expander materialises them) and the details
 * of its latest definition. Immutable; {@link #next} gives the state after one more event.
 */
public record RuleState(RuleTimeline timeline, RuleDetails details) {

    /**
     * The state after {@code event}: {@code before} for an event already applied or one the timeline does not take
     * (an update rule-expander cannot expand); null while the rule has no timeline (no creation seen, or one that
     * cannot be expanded, which rule-expander dead-letters).
     */
    public static @Nullable RuleState next(@Nullable RuleState before, RuleEvent event, EventMetadata envelope) {
        RuleTimeline timeline = RuleTimeline.next(before == null ? null : before.timeline(), event, envelope);
        if (timeline == null) {
            return null;
        }
        if (before == null) {
            return event instanceof RuleCreated created ? new RuleState(timeline, RuleDetails.of(created, envelope)) : null;
        }
        if (timeline == before.timeline()) {
            return before;
        }
        RuleDetails details = event instanceof RuleUpdated updated
                ? before.details().updatedBy(updated, envelope.aggregateVersion())
                : before.details();
        return new RuleState(timeline, details);
    }
}
