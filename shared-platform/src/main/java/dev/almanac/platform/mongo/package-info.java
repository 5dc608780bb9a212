/** Idempotent writes to MongoDB read models: an event is applied only if it is newer than what a document holds. */
@NullMarked
package dev.almanac.platform.mongo;

import org.jspecify.annotations.NullMarked;
