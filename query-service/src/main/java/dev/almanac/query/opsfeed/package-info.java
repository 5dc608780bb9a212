/** The operators' calendar feed (OPS-FEED, ADR 0039): every rule occurrence and one-off item in a range, across calendars, with its run state and actions. */
@NullMarked
package dev.almanac.query.opsfeed;

import org.jspecify.annotations.NullMarked;
