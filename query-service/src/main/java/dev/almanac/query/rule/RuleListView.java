package dev.almanac.query.rule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One page of a rules list: each rule in F033-RULE's RecurringRule shape, in id order. */
@Schema(name = "RecurringRuleList")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleListView(
        @Schema(description = "The rules of this page, by id") List<RuleView> rules,
        @Schema(description = "How many rules match the filters, over every page, of those the caller sees") int total,
        @Schema(description = "Set when more rules follow: pass it as cursor, with the same filters") @Nullable String nextCursor) {

    public RuleListView {
        rules = List.copyOf(rules);
    }
}
