/**
 * Brings what the dispatch tasks need to the partitions of calendars: each rule's events, from the rules topic keyed by
 * rule id, to every calendar the rule has had; and the catch-up runs rule-expander started, filtered out of the
 * occurrence traffic, so that no backlog of occurrences delays a dispatch.
 */
@NullMarked
package dev.almanac.dispatch.routing;

import org.jspecify.annotations.NullMarked;
