package dev.almanac.query.view;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.occurrence.OccurrenceLookup;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.run.HeartbeatReports.HeartbeatBeat;
import dev.almanac.query.run.LatestRun;
import dev.almanac.query.run.Runs;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

/**
 * {@code GET /api/v1/schedules/{id}}: where the {@code Location} of a created item points. The
 * literal {@code /api/v1/schedules/window} is another controller's; Spring prefers literal
 * segments, so an item with the id {@code window} cannot be read here.
 */
@RestController
@Tag(name = "Schedule entries", description = "One item or occurrence by id (eventually consistent)")
public class ScheduleEntryController {

    private final Entries entries;
    private final OccurrenceLookup occurrences;
    private final CalendarReaders readers;
    private final Runs runs;
    private final RuleTimelines ruleTimelines;
    private final Clock clock;

    /** The clock tells an item that has started from one that has not (can_reschedule); tests give their own. */
    public ScheduleEntryController(Entries entries, OccurrenceLookup occurrences, CalendarReaders readers, Runs runs,
                                   RuleTimelines ruleTimelines, ObjectProvider<Clock> clock) {
        this.entries = entries;
        this.occurrences = occurrences;
        this.readers = readers;
        this.runs = runs;
        this.ruleTimelines = ruleTimelines;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/schedules/{id}")
    @Operation(summary = "Get an item or occurrence",
            description = """
                    A one-off item (the Location of POST /api/v1/schedules) or a rule occurrence, by id, with everything \
                    its events said. A rule occurrence is computed from its rule's events (ADR 0068): where it stands, or, \
                    once its rule withdrew it, status cancelled and cancel_reason (rule_paused, rule_deleted, rule_updated, \
                    occurrence_cancelled, rule_ended, missed_deleted); it is found by id if a listing of this service showed it \
                    lately, if it was moved, cancelled or found missed, or if it resolves from 7 days ago to 14 days ahead. Eventually consistent: right after the item was created or moved this may \
                    still answer 404 or the previous version. A deleted item answers 404 (ADR 0084). The ETag header carries the aggregate version. On a calendar \
                    with grants it is shown only to those with a role on the calendar (403, rule role; ADR 0027). It carries \
                    the run overlay of the calendar views: run, run_state and dispatch (a heartbeat's beat shows the report \
                    that accounts for it).""")
    @ApiResponse(responseCode = "200", description = "The item or occurrence")
    @ProblemResponse(responseCode = "400", description = "The id cannot be an item's or occurrence's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = "No item or occurrence has this id (yet)")
    public Mono<ResponseEntity<ScheduleEntryView>> find(
            @Parameter(description = "Item id or occurrence id", example = "item-review") @PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return entries.find(id)
                .flatMap(entry -> entry.isDeleted()
                        ? Mono.<Entry>error(ProblemException.notFound("id", "item '" + id + "' was deleted"))
                        : Mono.just(entry))
                .switchIfEmpty(Mono.defer(() -> occurrences.find(id)))
                .switchIfEmpty(Mono.error(() -> unknownEntry(id)))
                .flatMap(entry -> readers.requireViewer(exchange, entry.calendarId(), () -> unknownEntry(id)).thenReturn(entry))
                .flatMap(entry -> readers.disclosure(exchange, List.of(entry.calendarId())).flatMap(disclosure -> {
                    BusyBlock why = disclosure.busyBlock(entry);
                    return why == null ? withRuns(entry)
                            : Mono.just(ResponseEntity.ok().eTag(VersionEtags.of(entry.version())).body(ScheduleEntryView.busyBlock(entry, why)));
                }));
    }

    private static ProblemException unknownEntry(String id) {
        return ProblemException.notFound("id", "no item or occurrence has the id '" + id + "'");
    }

    /**
     * The entry with the run overlay a calendar view gives it: its runs, the dispatcher's decisions, its rule's hold. The
     * rules are those last read ({@link RuleTimelines#latest}), so that no read by id waits for a refresh while rules
     * load; an overlay a refresh behind is one a view could have shown a moment ago.
     */
    private Mono<ResponseEntity<ScheduleEntryView>> withRuns(Entry entry) {
        Instant now = clock.instant();
        CalendarRules rules = entry.ruleId() == null ? null : CalendarRules.of(ruleTimelines.latest(), entry.calendarId(), now);
        HeartbeatBeat beat = rules == null ? null : rules.beatOf(entry.id(), entry.ruleId(), entry.start(), entry.calendarId());
        return runs.latestOf(List.of(entry.id()), beat == null ? List.of() : List.of(beat))
                .map(latest -> ScheduleEntryView.of(entry, now, latest.getOrDefault(entry.id(), LatestRun.NONE),
                        rules == null ? null : rules.heldBack(entry.ruleId(), entry.start())))
                .map(view -> ResponseEntity.ok().eTag(VersionEtags.of(entry.version())).body(view));
    }
}
