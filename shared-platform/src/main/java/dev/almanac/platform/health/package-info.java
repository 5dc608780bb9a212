/** Health components the services' readiness groups share. */
@NullMarked
package dev.almanac.platform.health;

import org.jspecify.annotations.NullMarked;
