/**
 * Reads the dispatches, runs each due http job once per delivery, and reports its runs on almanac.runs.v1; and, when
 * configured, reports the executor's own liveness as a heartbeat rule's runs.
 */
@NullMarked
package dev.almanac.executor.run;

import org.jspecify.annotations.NullMarked;
