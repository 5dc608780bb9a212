/** rule-expander: keeps each recurring rule's occurrences materialised over a rolling horizon on almanac.occurrences.v1. */
@NullMarked
package dev.almanac.rules;

import org.jspecify.annotations.NullMarked;
