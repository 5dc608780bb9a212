/** Run reports from executors: a scheduled item or occurrence started, succeeded or failed. */
@NullMarked
package dev.almanac.events.run;

import org.jspecify.annotations.NullMarked;
