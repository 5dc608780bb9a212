package dev.almanac.query.changes;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.secret.LocalKeys;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.conflict.ConflictDisclosures;
import dev.almanac.query.projection.ReadModelCatchUp;
import dev.almanac.query.web.QueryParameters;

/** {@code GET /api/v1/changes}: a full sync, then every change since, by sync token (ADR 0080). */
@RestController
@Tag(name = "Change feed", description = "Every change to entries, occurrences, rules and conflicts since a sync token (ADR 0080)")
public class ChangesController {

    static final int MAX_PAGE = 1000;
    static final int DEFAULT_PAGE = 250;
    static final String SYNC_TOKEN = "sync_token";
    static final String PAGE_TOKEN = "page_token";

    private final ChangeFeed feed;
    private final FeedTokens tokens;
    private final CalendarReaders readers;
    private final FeedDisclosure disclosure;

    public ChangesController(MongoDatabase database, CalendarReaders readers, ConflictDisclosures conflicts,
                             @Value("${almanac.query.changes.token-key}") String key,
                             @Value("${almanac.identity.mode:jwt}") String mode,
                             @Value("${almanac.query.changes.token-ttl:7d}") Duration timeToLive,
                             @Value("${almanac.query.changes.read-timeout:10s}") Duration readTimeout,
                             ObjectProvider<Clock> clock, ObjectProvider<ReadModelCatchUp> catchUp) {
        this.tokens = new FeedTokens(LocalKeys.checked(LocalKeys.CHANGE_TOKEN_KEY, key, mode), timeToLive,
                clock.getIfAvailable(Clock::systemUTC));
        ReadModelCatchUp readiness = catchUp.getIfAvailable();
        this.feed = new ChangeFeed(database, tokens, readTimeout,
                () -> readiness == null || Status.UP.equals(readiness.health().getStatus()));
        this.readers = readers;
        this.disclosure = new FeedDisclosure(readers, conflicts);
    }

    @GetMapping("/api/v1/changes")
    @Operation(operationId = "listChanges", summary = "Changes since a sync token, or a full sync without one",
            description = """
                    In the manner of Google Calendar's syncToken and Microsoft Graph's delta. Without a token, a full sync: \
                    pages (page_token) through the current state of every entry (kind item or occurrence), rule and conflict on \
                    the calendars the caller may read, each as created; the last page gives a sync_token. With sync_token, every \
                    change since it, each once, in pages, the last giving the next sync_token: created and changed carry the new \
                    state, removed a reason (an item cancelled or an occurrence withdrawn, a rule deleted, a conflict cleared, \
                    resolved or dismissed). A rule's occurrences follow from the rule (its definition and exceptions); an \
                    occurrence is told of itself once it has an entry of its own (a missed or backfill run). Changes come in \
                    order within a calendar's partition; a client keeps the highest version of each entity. When the caller \
                    loses the role on a calendar, the next sync tells a removal of kind calendar (reason access_revoked): drop \
                    everything of it. A token that expired (almanac.query.changes.token-ttl, 7 days), was given to another \
                    user, was altered, comes from another environment, or was given before the caller gained a calendar, \
                    answers 410: start a full sync. Tokens survive a restart of this service. An entry or rule the caller may                     not see whole (a private one, ADR 0096) is told with its state as a busy block, and a conflict's entries                     as the conflict reads show them.""")
    @ApiResponse(responseCode = "200", description = "A page of changes")
    @ProblemResponse(responseCode = "400", description = """
            sync_token or page_token is not a token of this endpoint (format), both are given (page_token, exclusive), or \
            limit is not between 1 and 1000 (range)""")
    @ProblemResponse(responseCode = "410", description = """
            The token may no longer be used (sync_token or page_token; rule expired, caller, signature, unknown_positions or \
            access_changed): start a full sync without one""")
    public Mono<ChangePage> changes(
            @Parameter(description = "The sync_token of the last page of the previous sync") @RequestParam(name = SYNC_TOKEN, required = false)
            @Nullable String syncToken,
            @Parameter(description = "The next_page_token of the previous page") @RequestParam(name = PAGE_TOKEN, required = false)
            @Nullable String pageToken,
            @Parameter(description = "Changes per page, 1 to 1000; 250 when absent") @RequestParam(required = false) @Nullable Integer limit,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        int size = limit == null ? DEFAULT_PAGE : parameters.limit("limit", limit, MAX_PAGE);
        boolean hasSync = syncToken != null && !syncToken.isEmpty();
        boolean hasPage = pageToken != null && !pageToken.isEmpty();
        if (hasSync && hasPage) {
            parameters.reject(PAGE_TOKEN, "exclusive", "give page_token or sync_token, not both: a page token carries its sync");
        }
        String caller = Callers.of(exchange).actor();
        FeedToken token = null;
        String field = hasPage ? PAGE_TOKEN : SYNC_TOKEN;
        if (hasSync || hasPage) {
            FeedTokens.Checked checked = tokens.check(hasPage ? pageToken : syncToken, caller);
            if (checked instanceof FeedTokens.Malformed) {
                parameters.reject(field, "format", field + " must be a " + (hasPage ? "next_page_token" : "sync_token")
                        + " this endpoint gave");
            } else if (checked instanceof FeedTokens.Gone gone) {
                parameters.throwIfInvalid();
                return Mono.error(ChangeFeed.gone(field, gone.rule(), gone.message()));
            } else if (checked instanceof FeedTokens.Valid valid) {
                token = valid.token();
                boolean pageKind = token.kind() != FeedToken.Kind.SYNC;
                if (pageKind != hasPage) {
                    parameters.reject(field, "format", hasPage ? "page_token must be a next_page_token, not a sync_token"
                            : "sync_token must be a sync_token, not a next_page_token");
                }
            }
        }
        parameters.throwIfInvalid();
        FeedToken taken = token;
        return readers.visibility(exchange).publishOn(Schedulers.boundedElastic()).map(visibility ->
                taken == null || taken.kind() == FeedToken.Kind.FULL_PAGE
                        ? feed.fullSync(caller, visibility, taken, size, field)
                        : feed.changes(caller, visibility, taken, size, field))
                .flatMap(page -> disclosure.shown(page, exchange));
    }
}
