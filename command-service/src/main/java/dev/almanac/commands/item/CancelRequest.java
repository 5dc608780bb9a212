package dev.almanac.commands.item;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The optional body of a cancel: why the item is taken off its calendar. */
record CancelRequest(@Nullable @Size(max = 256) String reason) {
}
