/** Consumers closed over their topics: every event type they read gets a decision, handled or ignored with a reason. */
@NullMarked
package dev.almanac.platform.consumer;

import org.jspecify.annotations.NullMarked;
