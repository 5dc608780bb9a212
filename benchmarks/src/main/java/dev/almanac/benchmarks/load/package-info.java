/** bench-load: commands at fixed rates through a running local stack, and what each side of it sees of them. */
@NullMarked
package dev.almanac.benchmarks.load;

import org.jspecify.annotations.NullMarked;
