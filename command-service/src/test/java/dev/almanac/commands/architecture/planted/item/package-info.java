/** Classes planted to break, and to keep, the domain rule of {@code DomainBoundaryTest}; never loaded by the service. */
@NullMarked
package dev.almanac.commands.architecture.planted.item;

import org.jspecify.annotations.NullMarked;
