/** Recurring rules: a cron expression in a zone, with the policy for daylight-saving edges. */
@NullMarked
package dev.almanac.events.rule;

import org.jspecify.annotations.NullMarked;
