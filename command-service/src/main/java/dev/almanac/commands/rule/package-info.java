/** Recurring rules: a 5-field cron in an IANA zone whose occurrences land on a calendar (the rule's queue). */
@NullMarked
package dev.almanac.commands.rule;

import org.jspecify.annotations.NullMarked;
