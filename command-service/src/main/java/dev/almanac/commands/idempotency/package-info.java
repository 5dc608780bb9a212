/** Idempotency-Key on every POST command: the first response is kept in PostgreSQL and answered again for a repeat. */
@NullMarked
package dev.almanac.commands.idempotency;

import org.jspecify.annotations.NullMarked;
