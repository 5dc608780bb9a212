package dev.almanac.events.rule;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Who owns a rule and what it is for. */
public record RuleMetadata(@Nullable String owner, @Nullable String description, List<String> tags) {

    public static final RuleMetadata NONE = new RuleMetadata(null, null, List.of());

    public RuleMetadata {
        tags = List.copyOf(tags);
    }
}
