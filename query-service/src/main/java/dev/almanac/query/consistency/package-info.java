/** Read your writes: a read that passes a command's consistency token waits, within a bound, for the write to be projected. */
@NullMarked
package dev.almanac.query.consistency;

import org.jspecify.annotations.NullMarked;
