package dev.almanac.commands.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.Versions;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "runs", description = "Run reports from executors that do not speak Kafka")
class RunController {

    private final CommandDispatcher commands;

    RunController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Report a run",
            description = "Records that one attempt at an item or occurrence started, succeeded or failed, and publishes it on "
                    + "almanac.runs.v1 (RunStarted, RunSucceeded, RunFailed). A run starts at most once and finishes at most "
                    + "once: a report that repeats what is recorded changes nothing (200, same version), and any other report "
                    + "of a finished run is refused (409, rule finished), as is a second start (rule started). A finished run "
                    + "need not have been reported started. at may run at most 5 minutes ahead of Almanac's clock (400, rule "
                    + "future), and a finish cannot precede the start (rule order). Without run_id, the run is named by "
                    + "entry_kind, entry_id and attempt. A system that runs by itself reports a heartbeat rule's runs with entry_kind "
                    + "rule and entry_id the rule's id (ADR 0073); without run_id each such report is a run of its own, named by the "
                    + "rule and at. An unknown calendar_id is 422; the entry itself is not checked, "
                    + "since occurrences are materialised outside command-service. In multi-tenant mode a calendar_id of "
                    + "another tenant is answered as an unknown one, word for word; a run_id the executor chose and an item's "
                    + "or rule's entry_id must begin with the caller's tenant (422, rule tenant); and a run of another "
                    + "tenant's calendar that a derived run id reaches is refused (409, rule same_run) naming nothing of it.")
    Mono<ResponseEntity<RunReportResponse>> report(@Valid @RequestBody RunReportRequest request, ServerWebExchange exchange) {
        ReportRun command = request.toCommand();
        return commands.<Long>send(command, exchange, () -> ProblemException.notFound("run_id", "no run " + command.runId()))
                .map(version -> Versions.ok(ConsistencyToken.run(command.runId().value(), version))
                        .body(RunReportResponse.of(command, version)));
    }
}
