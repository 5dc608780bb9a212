package dev.almanac.query.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.action.Action;

/**
 * One page of a rules list: each rule in F033-RULE's RecurringRule shape, in id order, and beside them what the caller
 * may do to each. The actions are not in the rules: F033's RecurringRule closes its top level (ADR 0018).
 */
@Schema(name = "RecurringRuleList")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleListView(
        @Schema(description = "The rules of this page, by id") List<RuleView> rules,
        @Schema(description = "How many rules match the filters, over every page, of those the caller sees") int total,
        @Schema(description = "Set when more rules follow: pass it as cursor, with the same filters") @Nullable String nextCursor,
        @Schema(description = """
                By the id of each rule of this page, what the caller may do to it now, with the request to send (an empty \
                list where nothing): run_now and skip_next (unless paused until resumed), pause or resume, disable, or enable a \
                disabled rule, for whoever may change the rule \
                (ADR 0062: on a queue with grants, its creator while a scheduler there, else the queue's managers); \
                request_change of an active or paused rule for anyone who sees it. None for a deleted rule.""",
                example = "{\"rule-nightly\": [{\"name\": \"pause\", \"method\": \"POST\", "
                        + "\"path\": \"/api/v1/schedules/rules/rule-nightly/pause\"}]}")
        Map<String, List<Action>> actions) {

    public RuleListView {
        rules = List.copyOf(rules);
        Map<String, List<Action>> ordered = new LinkedHashMap<>();
        actions.forEach((ruleId, offered) -> ordered.put(ruleId, List.copyOf(offered)));
        actions = Collections.unmodifiableMap(ordered);
    }
}
