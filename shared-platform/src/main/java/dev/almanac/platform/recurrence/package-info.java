/** How a recurrence rule and its series' exceptions sit in a MongoDB document, once for every service that stores rules. */
@NullMarked
package dev.almanac.platform.recurrence;

import org.jspecify.annotations.NullMarked;
