/** Run reports over HTTP, for executors that do not speak Kafka: a run of an item or occurrence started, succeeded or failed. */
@NullMarked
package dev.almanac.commands.run;

import org.jspecify.annotations.NullMarked;
