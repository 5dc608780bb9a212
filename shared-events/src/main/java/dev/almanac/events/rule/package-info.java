/** Recurring rules: a cron expression or an RRULE in a zone, with the policy for daylight-saving edges; created, updated, paused, resumed, disabled, enabled, deleted; and changes to them proposed, confirmed or rejected. */
@NullMarked
package dev.almanac.events.rule;

import org.jspecify.annotations.NullMarked;
