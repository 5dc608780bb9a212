package dev.almanac.query.rule;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

/** {@code GET /api/v1/schedules/rules/{id}}: where the {@code Location} of a created rule points. */
@RestController
@Tag(name = "Recurring rules", description = "Rule definitions as projected from almanac.rules.v1 (eventually consistent)")
public class RuleController {

    private final Rules rules;
    private final Clock clock;

    /** The clock tells a pause whose resume_after has passed from one still running; tests give their own. */
    public RuleController(Rules rules, ObjectProvider<Clock> clock) {
        this.rules = rules;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/schedules/rules/{id}")
    @Operation(summary = "Get a recurring rule",
            description = """
                    The rule's definition in seed 000's RecurringRule shape (the Location of POST /api/v1/schedules/rules). \
                    Eventually consistent: right after the rule was created this may still answer 404. The ETag header \
                    carries the rule's aggregate version. A paused rule shows paused_at and paused_by; a deleted rule \
                    stays readable with status disabled.""")
    @ApiResponse(responseCode = "200", description = "The rule")
    @ApiResponse(responseCode = "400", description = "The id cannot be a rule's; errors[].field is id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No rule has this id (yet)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public Mono<ResponseEntity<RuleView>> find(
            @Parameter(description = "Rule id", example = "rule-nightly") @PathVariable String id) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return rules.find(id)
                .filter(Rule::isDefined)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "no rule has the id '" + id + "'")))
                .map(rule -> ResponseEntity.ok().eTag(VersionEtags.of(rule.version())).body(RuleView.of(rule, clock.instant())));
    }
}
