package dev.almanac.commands.rule;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The optional body of a disable: why the rule is disabled. */
record DisableRequest(@Nullable @Size(max = 256) String reason) {
}
