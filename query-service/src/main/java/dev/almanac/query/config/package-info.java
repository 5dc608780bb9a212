/** F033-CONFIG's calendar configuration: display defaults for frontends and the limits every query enforces. */
@NullMarked
package dev.almanac.query.config;

import org.jspecify.annotations.NullMarked;
