/** Recurring rules: a cron expression in a zone, with the policy for daylight-saving edges; created, paused, resumed, deleted. */
@NullMarked
package dev.almanac.events.rule;

import org.jspecify.annotations.NullMarked;
