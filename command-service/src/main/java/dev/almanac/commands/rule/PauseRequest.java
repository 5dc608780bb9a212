package dev.almanac.commands.rule;

import java.time.Instant;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of a pause: when the rule resumes by itself (an RFC 3339 instant in the
 * future; without it only an explicit resume ends the pause), and why it is paused.
 */
record PauseRequest(@Nullable Instant resumeAfter, @Nullable @Size(max = 256) String reason) {
}
