/** The {@code --name value} options of Almanac's command-line programs, checked before a program does anything. */
@NullMarked
package dev.almanac.tools.commandline;

import org.jspecify.annotations.NullMarked;
