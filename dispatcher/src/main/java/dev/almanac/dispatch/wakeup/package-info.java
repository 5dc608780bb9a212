/** Wakes a dispatch task at the instant its next occurrence falls due, with a record on its partition: nothing polls on a short timer. */
@NullMarked
package dev.almanac.dispatch.wakeup;

import org.jspecify.annotations.NullMarked;
