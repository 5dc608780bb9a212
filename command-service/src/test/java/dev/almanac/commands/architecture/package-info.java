/** command-service's own architecture rules, each with a planted violation that proves it can fail. */
@NullMarked
package dev.almanac.commands.architecture;

import org.jspecify.annotations.NullMarked;
