/** Run reports: each run's state, each entry's latest run, and the occurrences found missed: the overlay that views show. */
@NullMarked
package dev.almanac.query.run;

import org.jspecify.annotations.NullMarked;
