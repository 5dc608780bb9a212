/** The signed HTTP request an http job's run makes, and what came of it. */
@NullMarked
package dev.almanac.executor.call;

import org.jspecify.annotations.NullMarked;
