/** How a service takes its environment when it shares one JVM with the others (the local stack's services host, ADR 0099). */
@NullMarked
package dev.almanac.platform.hosting;

import org.jspecify.annotations.NullMarked;
