/** The executor's settings (almanac.executor.*), read by its features and its configuration alike. */
@NullMarked
package dev.almanac.executor.settings;

import org.jspecify.annotations.NullMarked;
