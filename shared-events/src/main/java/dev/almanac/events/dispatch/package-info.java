/** Occurrences due now, dispatched once to executors, and what the dispatcher decided about those it could not dispatch on time. */
@NullMarked
package dev.almanac.events.dispatch;

import org.jspecify.annotations.NullMarked;
