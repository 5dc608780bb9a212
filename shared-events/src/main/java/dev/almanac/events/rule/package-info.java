/** Recurring rules: a cron expression or an RRULE in a zone, with the policy for daylight-saving edges; created, updated, paused, resumed, disabled, enabled, deleted. */
@NullMarked
package dev.almanac.events.rule;

import org.jspecify.annotations.NullMarked;
