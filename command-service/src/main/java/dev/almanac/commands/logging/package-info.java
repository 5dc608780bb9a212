/** Each command a span of its request's trace, and its trace and correlation ids in every line logged meanwhile. */
@NullMarked
package dev.almanac.commands.logging;

import org.jspecify.annotations.NullMarked;
