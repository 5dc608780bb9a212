/** What falls due in one partition, and what the dispatcher does about it: plain Java over the rule timelines, no Kafka. */
@NullMarked
package dev.almanac.dispatch.due;

import org.jspecify.annotations.NullMarked;
