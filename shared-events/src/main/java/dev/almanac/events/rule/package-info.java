/** Recurring rules: a cron expression or an RRULE in a zone, with the policy for daylight-saving edges; created, updated, paused, resumed, disabled, enabled, deleted; and changes to them proposed, confirmed or rejected. Also the identity of one occurrence of a rule and how its wall-clock time was resolved, which the rules topic's exceptions and the occurrences topic both name. */
@NullMarked
package dev.almanac.events.rule;

import org.jspecify.annotations.NullMarked;
