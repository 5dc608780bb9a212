/** Records of refused commands for the audit trail: {@code CommandRefused} on {@code almanac.audit.v1} (ADR 0081). */
@NullMarked
package dev.almanac.commands.audit;

import org.jspecify.annotations.NullMarked;
