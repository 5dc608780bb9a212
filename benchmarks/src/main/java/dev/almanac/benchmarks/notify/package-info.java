/** Issue 71's notification benchmarks, on a running local stack. */
@NullMarked
package dev.almanac.benchmarks.notify;

import org.jspecify.annotations.NullMarked;
