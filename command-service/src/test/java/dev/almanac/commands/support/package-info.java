/** Helpers shared by command-service's tests. */
@NullMarked
package dev.almanac.commands.support;

import org.jspecify.annotations.NullMarked;
