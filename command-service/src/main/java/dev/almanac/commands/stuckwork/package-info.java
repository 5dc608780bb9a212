/** Units of work that take too long: warned about, then interrupted, as Axon's own timeouts did, at a fraction of their cost. */
@NullMarked
package dev.almanac.commands.stuckwork;

import org.jspecify.annotations.NullMarked;
