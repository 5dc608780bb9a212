/** The trace and correlation ids of the command being handled, in every line logged meanwhile. */
@NullMarked
package dev.almanac.commands.logging;

import org.jspecify.annotations.NullMarked;
