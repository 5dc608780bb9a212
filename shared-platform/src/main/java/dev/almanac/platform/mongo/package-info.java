/** MongoDB health for every service: a ping the actuator reports. */
@NullMarked
package dev.almanac.platform.mongo;

import org.jspecify.annotations.NullMarked;
