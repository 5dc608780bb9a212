/** RFC 9457 problem responses that name the offending field and the rule it broke. */
@NullMarked
package dev.almanac.platform.problem;

import org.jspecify.annotations.NullMarked;
