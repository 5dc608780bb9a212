/** Records no processor of the dispatcher can read, set aside on their topic's dead-letter topic. */
@NullMarked
package dev.almanac.dispatch.deadletter;

import org.jspecify.annotations.NullMarked;
