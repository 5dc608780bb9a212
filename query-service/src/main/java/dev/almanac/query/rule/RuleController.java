package dev.almanac.query.rule;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

/**
 * {@code GET /api/v1/schedules/rules/{id}}, where the {@code Location} of a created rule points, and
 * {@code GET /api/v1/schedules/rules}, the rules list.
 */
@RestController
@Tag(name = "Recurring rules", description = "Rule definitions as projected from almanac.rules.v1 (eventually consistent)")
public class RuleController {

    /** A list's page size when the request names none. */
    static final int DEFAULT_PAGE = 100;

    private final Rules rules;
    private final RuleLists lists;
    private final CalendarReaders readers;
    private final Clock clock;

    /** The clock tells a pause whose resume_after has passed from one still running; tests give their own. */
    public RuleController(Rules rules, RuleLists lists, CalendarReaders readers, ObjectProvider<Clock> clock) {
        this.rules = rules;
        this.lists = lists;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/schedules/rules")
    @Operation(summary = "List recurring rules",
            description = """
                    Every rule this service has projected, in F033-RULE's RecurringRule shape, in order of id; deleted rules \
                    stay with status disabled, as GET /api/v1/schedules/rules/{id} shows them. Filters combine: queue (the \
                    calendar the occurrences land on), owner (metadata.owner), created_by (who created the rule) and status \
                    (active, paused, disabled or expired, as the rule stands at the time of the read: a pause past its \
                    resume_after is active). total counts every rule that matches (and the caller sees). A page holds at most limit rules \
                    (default 100, at most 1000, F033-LIMIT-JOBS's max_jobs_per_request); when more follow, pass next_cursor as \
                    cursor with the same filters. Eventually consistent, like every read. A rule whose queue has grants \
                    is listed only to those with a role on that calendar (ADR 0027); the others are left out before \
                    paging, so a page is full unless it is the last and next_cursor neither skips nor repeats a rule the \
                    caller sees. An admin sees every rule. actions says, by rule id, which of the rule's commands the caller \
                    may send now; the rules themselves keep F033's closed RecurringRule shape.""")
    @ApiResponse(responseCode = "200", description = "The page of rules")
    @ProblemResponse(responseCode = "400", description = """
            A parameter is invalid; errors[].field names it and errors[].rule the rule: format (queue not an id, cursor not \
            one this endpoint made), one_of (status), range (limit outside 1..1000), size (owner longer than 128 \
            characters, created_by longer than 256), text.""")
    public Mono<RuleListView> list(
            @Parameter(description = "Only rules on this calendar", example = "cal-ballroom")
            @RequestParam(name = "queue", required = false) @Nullable String queue,
            @Parameter(description = "Only rules whose metadata.owner is this", example = "platform-team", schema = @Schema(maxLength = 128))
            @RequestParam(name = "owner", required = false) @Nullable String owner,
            @Parameter(description = "Only rules created by this user", example = "user123", schema = @Schema(maxLength = 256))
            @RequestParam(name = "created_by", required = false) @Nullable String createdBy,
            @Parameter(description = "Only rules in this status now", schema = @Schema(allowableValues = {"active", "paused", "disabled", "expired"}))
            @RequestParam(name = "status", required = false) @Nullable String status,
            @Parameter(description = "Page size, 1 to 1000; default 100", example = "100")
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        String calendarId = parameters.identifier("queue", queue);
        String team = parameters.text("owner", owner, 128);
        String creator = parameters.text("created_by", createdBy, 256);
        ListedStatus wanted = parameters.optionalOneOf("status", status, ListedStatus.class);
        int pageSize = limit == null ? DEFAULT_PAGE : parameters.limit("limit", limit, QueryParameters.MAX_JOBS_PER_REQUEST);
        RuleCursor after = parameters.cursor(cursor, RuleCursor::decode);
        parameters.throwIfInvalid();
        RuleLists.Filter filter = new RuleLists.Filter(calendarId, team, creator,
                wanted == null ? null : wanted.name().toLowerCase(Locale.ROOT), after, pageSize);
        // A queue hidden from the caller lists nothing, as a queue that does not exist (ADR 0086).
        return readers.visibility(exchange).zipWith(readers.roles(exchange))
                .flatMap(seen -> lists.page(filter, seen.getT1(), seen.getT2(), clock.instant()));
    }

    /** F033-RULE's RecurringRule statuses, the values of the list's status filter. */
    enum ListedStatus {
        ACTIVE, PAUSED, DISABLED, EXPIRED
    }

    @GetMapping("/api/v1/schedules/rules/{id}")
    @Operation(summary = "Get a recurring rule",
            description = """
                    The rule's definition in F033-RULE's RecurringRule shape (the Location of POST /api/v1/schedules/rules). \
                    Eventually consistent: right after the rule was created this may still answer 404. The ETag header \
                    carries the rule's aggregate version. A paused rule shows paused_at and paused_by; a deleted rule \
                    stays readable with status disabled. When its queue has grants it is shown only to those with a role on \
                    that calendar (403, rule role; ADR 0027).""")
    @ApiResponse(responseCode = "200", description = "The rule")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a rule's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = "No rule has this id (yet), or its queue is a calendar the caller has no role on: the same answer (ADR 0086)")
    public Mono<ResponseEntity<RuleView>> find(
            @Parameter(description = "Rule id", example = "rule-nightly") @PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return rules.find(id)
                .filter(Rule::isDefined)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "no rule has the id '" + id + "'")))
                .flatMap(rule -> rule.calendarId() == null ? Mono.just(ResponseEntity.ok().eTag(VersionEtags.of(rule.version()))
                        .body(RuleView.of(rule, clock.instant())))
                        : readers.requireViewer(exchange, rule.calendarId(), () -> ProblemException.notFound("id", "no rule has the id '" + id + "'"))
                                .then(readers.disclosure(exchange, List.of(rule.calendarId())))
                                .map(disclosure -> ResponseEntity.ok().eTag(VersionEtags.of(rule.version()))
                                        .body(RuleView.of(rule, clock.instant(), disclosure))));
    }
}
