package dev.almanac.commands.rule;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.Actors;
import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.CommandMetadata;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

@RestController
@RequestMapping("/api/v1/schedules/rules")
@Tag(name = "rules", description = "Recurring rules: cron in an IANA zone")
class RuleController {

    private final CommandDispatcher commands;
    private final Actors actors;
    private final Clock clock;

    RuleController(CommandDispatcher commands, Actors actors, Clock clock) {
        this.commands = commands;
        this.actors = actors;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create a recurring rule",
            description = "A 5-field UNIX cron read as wall-clock time in timezone; occurrences land on the calendar named "
                    + "by queue and are materialised by rule-expander. When day-of-month and day-of-week are both restricted "
                    + "the rule fires when either matches, as in POSIX cron.")
    Mono<ResponseEntity<CreateRuleResponse>> create(@Valid @RequestBody CreateRuleRequest request, ServerWebExchange exchange) {
        CreateRule command = request.toCommand(() -> RuleId.of(UUID.randomUUID().toString()), clock.instant());
        CommandMetadata metadata = actors.metadataOf(exchange);
        return commands.create(command, metadata)
                .map(creation -> ResponseEntity.status(creation.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                        .location(URI.create("/api/v1/schedules/rules/" + command.ruleId()))
                        .headers(Versions.written(ConsistencyToken.rule(command.ruleId().value(), creation.version())))
                        .body(new CreateRuleResponse(command.ruleId().value(), command.name(), "active",
                                RecurrenceExpander.next(RecurrenceSpec.of(command.toEvent()), command.requestedAt())
                                        .map(Occurrence::start).orElse(null),
                                command.requestedAt(), metadata.actor())));
    }
}
