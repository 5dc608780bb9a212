package dev.almanac.events.rule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Who owns a rule and what it is for, and whether it is private: then its occurrences are busy blocks to all but its
 * owner, its queue's managers and the admins (ADR 0096). Rules written before the flag read as not private.
 */
public record RuleMetadata(@Nullable String owner, @Nullable String description, List<String> tags,
                           @JsonProperty("private") @Nullable Boolean privateRule) {

    public static final RuleMetadata NONE = new RuleMetadata(null, null, List.of());

    public RuleMetadata {
        tags = List.copyOf(tags);
        // Only a private rule says so: the others keep the field absent, as rules written before it.
        privateRule = Boolean.TRUE.equals(privateRule) ? Boolean.TRUE : null;
    }

    /** A rule that is not private: how every rule was written before ADR 0096. */
    public RuleMetadata(@Nullable String owner, @Nullable String description, List<String> tags) {
        this(owner, description, tags, null);
    }

    /** Whether the rule's occurrences are busy blocks to all but its owner, its queue's managers and the admins. */
    public boolean keptPrivate() {
        return Boolean.TRUE.equals(privateRule);
    }

    /** This metadata with the rule private or not. */
    public RuleMetadata withPrivate(boolean keptPrivate) {
        return new RuleMetadata(owner, description, tags, keptPrivate);
    }
}
