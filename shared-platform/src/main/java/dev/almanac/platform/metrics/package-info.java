/** What every service's meters publish beyond Spring Boot's defaults and the platform's properties. */
@NullMarked
package dev.almanac.platform.metrics;

import org.jspecify.annotations.NullMarked;
