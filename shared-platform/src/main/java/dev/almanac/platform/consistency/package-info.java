/** Read your writes: the token a command answers with and a query may wait on. */
@NullMarked
package dev.almanac.platform.consistency;

import org.jspecify.annotations.NullMarked;
