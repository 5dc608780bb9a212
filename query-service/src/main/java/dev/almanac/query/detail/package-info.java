/** F033-DETAIL/F033-JOB's detailed day: every job starting on one local day, with the rules behind them. */
@NullMarked
package dev.almanac.query.detail;

import org.jspecify.annotations.NullMarked;
