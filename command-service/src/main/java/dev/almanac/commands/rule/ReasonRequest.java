package dev.almanac.commands.rule;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The optional body of a disable or an emergency pause-all: why. */
record ReasonRequest(@Nullable @Size(max = 256) String reason) {
}
