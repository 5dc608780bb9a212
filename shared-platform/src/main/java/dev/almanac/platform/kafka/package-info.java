/** Publishing and consuming Almanac events: the codec, poison-message handling and dead-letter topics. */
@NullMarked
package dev.almanac.platform.kafka;

import org.jspecify.annotations.NullMarked;
