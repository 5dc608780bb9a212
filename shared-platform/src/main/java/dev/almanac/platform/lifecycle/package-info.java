/** How a service's JVM ends when the local stack that started it is gone. */
@NullMarked
package dev.almanac.platform.lifecycle;

import org.jspecify.annotations.NullMarked;
