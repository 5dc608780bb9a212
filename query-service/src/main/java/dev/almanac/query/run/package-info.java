/** Run reports: each run's state, and each entry's latest run, the overlay that views show. */
@NullMarked
package dev.almanac.query.run;

import org.jspecify.annotations.NullMarked;
