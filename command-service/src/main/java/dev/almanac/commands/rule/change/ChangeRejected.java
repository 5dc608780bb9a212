package dev.almanac.commands.rule.change;

import java.time.Instant;

/** What a rejection left: the change request's new version and when it was rejected. */
public record ChangeRejected(long version, Instant rejectedAt) {
}
