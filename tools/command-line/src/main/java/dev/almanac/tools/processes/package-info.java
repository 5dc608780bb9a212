/** What Linux's /proc says of a process, for the programs that report a stack's memory. */
@NullMarked
package dev.almanac.tools.processes;

import org.jspecify.annotations.NullMarked;
