/** Secrets a user gives one service for another, sealed so that topics and read models never carry them in the clear. */
@NullMarked
package dev.almanac.platform.secret;

import org.jspecify.annotations.NullMarked;
