package dev.almanac.query.conflict;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

@RestController
@RequestMapping("/api/v1/conflicts")
@Tag(name = "Conflicts", description = "Conflicts as conflict-detector detected them and as their lifecycle moved them (eventually consistent)")
public class ConflictController {

    static final int MAX_LIMIT = QueryParameters.MAX_JOBS_PER_REQUEST;

    private static final String CONCERNS_NO_READABLE_CALENDAR = """
            No conflict has this id, or its calendar is hidden from the caller, who has no role on it: the same answer \
            (ADR 0086)""";

    private final Conflicts conflicts;
    private final ConflictLists lists;
    private final ConflictSuggestions suggestions;
    private final CalendarReaders readers;
    private final Entries entries;
    private final ConflictDisclosures disclosures;
    private final Clock clock;

    public ConflictController(Conflicts conflicts, ConflictLists lists, ConflictSuggestions suggestions, CalendarReaders readers,
                              Entries entries, ConflictDisclosures disclosures, ObjectProvider<Clock> clock) {
        this.conflicts = conflicts;
        this.disclosures = disclosures;
        this.entries = entries;
        this.lists = lists;
        this.suggestions = suggestions;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A page of the conflict list, and where the next one starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConflictList(
            List<ConflictRead> conflicts,
            @Schema(description = "Set when more conflicts may follow (after a page cut short by the examined budget, perhaps none"
                    + " the caller sees): pass it as cursor, with the same calendar_id and status")
            @Nullable String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List conflicts", description = """
            Conflicts by start (a conflict without one first) and then id, at most `limit` a page (default and maximum \
            1000, F033-LIMIT-JOBS's max_jobs_per_request): over every calendar, on one calendar (`calendar_id`: its own conflicts, \
            and the resource conflicts an item or occurrence on it takes part in), or of one resource (`resource_id`: its \
            double bookings and bookings while unavailable), not both. When more follow, pass `next_cursor` as `cursor` \
            with the same calendar_id or resource_id and status.

            Who sees what (ADR 0060, ADR 0086): a conflict is listed when the caller may read its own calendar; one keyed \
            by a calendar hidden from them is not, even where it concerns a booking of theirs, since its ids are that \
            calendar's. From another calendar the caller may not read nothing is shown: its entries and bookings, the \
            cleared reason and a link with a side there are left out; the clash's times, counts, status and resource \
            stay. A calendar_id naming a hidden calendar lists nothing, as an unknown one. Those left out take no place \
            on a page and the read goes on \
            through the following days while they leave it short, so a page holds `limit` conflicts unless it is the \
            last, or unless the read went through 5,000 conflicts for it (`almanac.query.conflicts.examined-per-page`): \
            then the page is short and `next_cursor` continues from the first day not read. `next_cursor` neither \
            skips nor repeats a conflict the caller sees, and names none they do not: read on while it is set. An \
            admin sees every conflict whole. Each conflict carries actions: the lifecycle commands the caller may send \
            on it now.""")
    @ApiResponse(responseCode = "200", description = "The conflicts")
    @ProblemResponse(responseCode = "400", description = "A filter is invalid; errors[].field names it")
    public Mono<ConflictList> list(
            @Parameter(description = "Only conflicts on this calendar", example = "cal-ballroom")
            @RequestParam(name = "calendar_id", required = false) @Nullable String calendarId,
            @Parameter(description = "Only conflicts of this resource", example = "res-ballroom")
            @RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
            @Parameter(description = "Only conflicts in this status", schema = @Schema(allowableValues = {"detected", "escalated", "resolved", "dismissed", "cleared"}))
            @RequestParam(name = "status", required = false) @Nullable String status,
            @Parameter(description = "At most this many, 1 to 1000") @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        String calendar = parameters.identifier("calendar_id", calendarId);
        String resource = parameters.identifier("resource_id", resourceId);
        if (calendarId != null && resourceId != null) {
            parameters.reject("resource_id", "one_of", "list the conflicts of a calendar or of a resource, not both");
        }
        ConflictStatus wanted = parameters.optionalOneOf("status", status, ConflictStatus.class);
        int size = parameters.limit("limit", limit, MAX_LIMIT);
        ConflictCursor after = parameters.cursor(cursor, ConflictCursor::decode);
        parameters.throwIfInvalid();
        // A calendar hidden from the caller lists nothing, as one that does not exist (ADR 0086).
        Mono<Boolean> calendarReadable = calendar == null ? Mono.just(true) : readers.allowed(exchange, calendar);
        return calendarReadable.flatMap(readable -> !readable ? Mono.just(new ConflictList(List.of(), null))
                : readers.visibility(exchange).flatMap(visibility -> {
            Predicate<ConflictView> shown = conflict -> conflict.shownIn(visibility);
            Mono<ConflictLists.Page> read = resource != null ? lists.pageOfResource(resource, wanted, after, size + 1, shown)
                    : lists.page(calendar, wanted, after, size + 1, shown);
            return read.flatMap(page -> {
                List<ConflictView> found = page.conflicts();
                List<ConflictView> onPage = found.size() > size ? found.subList(0, size) : found;
                String nextCursor = found.size() > size ? ConflictCursor.after(found.get(size - 1)).encode()
                        : page.readOnFrom() == null ? null : page.readOnFrom().encode();
                Set<String> concerned = new LinkedHashSet<>();
                onPage.forEach(conflict -> concerned.addAll(conflict.calendars()));
                return Mono.zip(readers.roles(exchange, concerned), shownTo(exchange, concerned, onPage)).map(seen -> new ConflictList(
                        onPage.stream().map(conflict -> new ConflictRead(seen.getT2().apply(conflict.seenIn(visibility)),
                                ConflictActions.of(conflict, seen.getT1()))).toList(), nextCursor));
            });
        }));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a conflict", description = """
            The ETag header carries the conflict's aggregate version. Shown to a caller who may read at least one \
            calendar it concerns, without what lies on those they may not read, as the list shows it (ADR 0027), with the \
            actions the caller may take on it now.""")
    @ApiResponse(responseCode = "200", description = "The conflict")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a conflict's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = CONCERNS_NO_READABLE_CALENDAR)
    public Mono<ResponseEntity<ConflictRead>> find(@PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return conflicts.find(id)
                .switchIfEmpty(Mono.error(() -> unknownConflict(id)))
                .flatMap(conflict -> Mono.zip(visibilityOf(exchange, conflict), readers.roles(exchange, conflict.calendars()),
                                shownTo(exchange, conflict.calendars(), List.of(conflict)))
                        .map(seen -> new ConflictRead(seen.getT3().apply(conflict.seenIn(seen.getT1())), ConflictActions.of(conflict, seen.getT2()))))
                .map(read -> ResponseEntity.ok().eTag(VersionEtags.of(read.conflict().version())).body(read));
    }

    /**
     * Which of the conflict's calendars the caller may read, each checked as a read by id checks its calendar; fails
     * with the 404 of an unknown conflict when they may read none (ADR 0086).
     */
    private Mono<CalendarVisibility> visibilityOf(ServerWebExchange exchange, ConflictView conflict) {
        return Flux.fromIterable(conflict.calendars())
                .filterWhen(calendar -> readers.allowed(exchange, calendar).map(allowed -> !allowed))
                .collectList()
                .flatMap(hidden -> {
                    CalendarVisibility visibility = CalendarVisibility.hiding(hidden);
                    return conflict.shownIn(visibility) ? Mono.just(visibility) : Mono.error(unknownConflict(conflict.id()));
                });
    }

    /**
     * What the caller is shown of each conflict's entries (ADR 0096): a private one they may not see whole is a busy block,
     * by the calendars' roles read exactly.
     */
    private Mono<UnaryOperator<ConflictView>> shownTo(ServerWebExchange exchange, Collection<String> calendarIds,
                                                     List<ConflictView> shown) {
        return readers.disclosure(exchange, calendarIds).flatMap(disclosure -> disclosures.shownTo(disclosure, shown));
    }

    /** The owners of the suggested items that have one (ADR 0090), each read by its id. */
    private Mono<Map<String, String>> ownersOf(List<ConflictSuggestions.Suggestion> found) {
        return Flux.fromIterable(found.stream().map(ConflictSuggestions.Suggestion::entryId).distinct().toList())
                .flatMap(entries::find)
                .filter(entry -> entry.details() != null && entry.details().owner() != null)
                .collectMap(Entry::id, entry -> entry.details().owner());
    }

    private static ProblemException unknownConflict(String id) {
        return ProblemException.notFound("id", "no conflict has the id '" + id + "'");
    }

    /** The suggested moves that would take an item out of the conflict. */
    public record ConflictSuggestionList(String conflictId, List<ConflictSuggestions.Suggestion> suggestions) {
    }

    @GetMapping("/{id}/suggestions")
    @Operation(summary = "Suggested resolutions of a conflict",
            description = """
                    For each one-off item in the conflict, up to three free slots of the same length on the same calendar, \
                    in the next 7 days from the later of now and the conflict's start, on the free-slot grid (30 minutes in \
                    the calendar's zone, 15-minute buffer, SCH-032 and SCH-034), outside the clash. effect says whether the \
                    move clears the conflict or only reduces it. Occurrences are not suggested: they move with their rule. \
                    Empty for a conflict that no longer holds, or that was resolved or dismissed. Computed when asked. \
                    Only the items on calendars the caller may read are suggested moves (ADR 0027).""")
    @ApiResponse(responseCode = "200", description = "The suggestions, by entry and then time")
    @ProblemResponse(responseCode = "404", description = CONCERNS_NO_READABLE_CALENDAR)
    public Mono<ConflictSuggestionList> suggestions(@PathVariable String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return conflicts.find(id)
                .switchIfEmpty(Mono.error(() -> unknownConflict(id)))
                // Computed on the whole conflict, whose effects depend on every entry, then cut to the items the caller sees.
                .flatMap(conflict -> Mono.zip(visibilityOf(exchange, conflict), shownTo(exchange, conflict.calendars(), List.of(conflict)))
                        .flatMap(seen -> {
                    ConflictView seenConflict = seen.getT2().apply(conflict.seenIn(seen.getT1()));
                    Set<String> shown = seenConflict.entries().stream().map(ConflictView.Entry::entryId).collect(Collectors.toSet());
                    Instant now = clock.instant();
                    // Described by the entries as the caller is shown them: a busy block's move names its id, not its title.
                    return suggestions.of(conflict, now)
                            .map(found -> found.stream().filter(suggestion -> shown.contains(suggestion.entryId()))
                                    .map(suggestion -> suggestion.describedIn(seenConflict)).toList())
                            .flatMap(found -> Mono.zip(readers.roles(exchange, found.stream().map(ConflictSuggestions.Suggestion::calendarId)
                                    .collect(Collectors.toSet())), ownersOf(found)).map(both -> found.stream()
                                    .map(suggestion -> suggestion.offeredTo(both.getT1().on(suggestion.calendarId(), null).orElse(null),
                                            both.getT1().changesItem(suggestion.calendarId(), null, both.getT2().get(suggestion.entryId())),
                                            id, now))
                                    .toList()));
                }))
                .map(found -> new ConflictSuggestionList(id, found));
    }
}
