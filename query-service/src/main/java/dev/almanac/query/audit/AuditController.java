package dev.almanac.query.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.web.OpaqueCursors;
import dev.almanac.query.web.QueryParameters;

/** {@code GET /api/v1/audit}: who did what and when, with the values before and after, for a calendar's managers (ADR 0081). */
@RestController
@Tag(name = "Audit", description = "Who did what and when, derived from the events, and the commands the domain refused (ADR 0081)")
public class AuditController {

    static final int MAX_PAGE = 200;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_RANGE_DAYS = 92;
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final String CURSOR_KIND = "audit|";
    private static final Set<String> PARAMETERS = Set.of("calendar_id", "item_id", "rule_id", "actor", "platform_admins", "from", "till",
            "limit", "cursor");

    private final MongoCollection<Document> records;
    private final Calendars calendars;
    private final Entries entries;
    private final Rules rules;
    private final CalendarReaders readers;
    private final Clock clock;
    private final Duration timeout;

    public AuditController(MongoDatabase database, Calendars calendars, Entries entries, Rules rules, CalendarReaders readers,
                           ObjectProvider<Clock> clock, @Value("${almanac.query.audit.read-timeout:10s}") Duration timeout) {
        this.records = database.getCollection(AuditTrail.COLLECTION);
        this.calendars = calendars;
        this.entries = entries;
        this.rules = rules;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.timeout = timeout;
    }

    @GetMapping("/api/v1/audit")
    @Operation(operationId = "listAuditRecords", summary = "The audit trail of a calendar, an item, a rule or an actor",
            description = """
                    Newest first, a page at a time (pass next_cursor back as cursor): each record says who did what (the event \
                    type) and when, to which entity, each field that changed with its old and new value, the reason given, and \
                    the correlation and causation ids; commands the domain refused (a capacity refusal, a 412, a missing role) \
                    are records of type CommandRefused with the status and problem type the caller got. Name a calendar_id, an \
                    item_id or a rule_id (whose calendar is then read), or an actor; the other filters narrow it. Only the \
                    calendar's managers and admins may read a calendar's trail; an actor's trail across calendars is the \
                    admins' and the actor's own. In a multi-tenant deployment, platform_admins=true reads the requests platform \
                    admins made in the caller's tenant (type PlatformAdminActed: who, when, and the request's service, method, \
                    path and status), for the tenant's admins only; actor then narrows it to one platform admin. No other \
                    trail holds them, and no tenant reads another's (ADR 0102); a single-tenant deployment has none. from and \
                    till default to the last 7 days and may span at most 92. Derived from the topics, so eventually consistent \
                    like every read of this service.""")
    @ApiResponse(responseCode = "200", description = "A page of audit records, possibly empty")
    @ProblemResponse(responseCode = "400", description = """
            an unknown parameter (unknown), no calendar_id, item_id, rule_id, actor or platform_admins (calendar_id, required), \
            an id that cannot be one (format), from or till not an instant (rfc3339), till not after from (after_from), a \
            range over 92 days (max_range_days), limit not between 1 and 200 (range), cursor not a next_cursor of this query \
            (format), platform_admins neither true nor false (boolean), or platform_admins=true with a calendar_id, item_id \
            or rule_id (platform_admins, alone)""")
    @ProblemResponse(responseCode = "403", description = "The caller does not manage the calendar (role), asks for another actor's "
            + "trail without being an admin, or for the platform admins' requests without being an admin (platform_admins, role)")
    @ProblemResponse(responseCode = "404", description = "The calendar, item or rule named is unknown (exists)")
    public Mono<AuditPage> audit(
            @Parameter(description = "The calendar whose trail to read") @RequestParam(name = "calendar_id", required = false) @Nullable String calendarId,
            @Parameter(description = "Only this item's or occurrence's records") @RequestParam(name = "item_id", required = false) @Nullable String itemId,
            @Parameter(description = "Only this rule's records and its occurrences'") @RequestParam(name = "rule_id", required = false) @Nullable String ruleId,
            @Parameter(description = "Only what this user (or service) did", schema = @Schema(maxLength = 256)) @RequestParam(required = false) @Nullable String actor,
            @Parameter(description = "true: the requests platform admins made in the caller's tenant, for its admins (ADR 0102)",
                    schema = @Schema(type = "boolean")) @RequestParam(name = "platform_admins", required = false) @Nullable String platformAdmins,
            @Parameter(description = "From this instant (inclusive); 7 days before till when absent") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Till this instant (exclusive); now when absent") @RequestParam(required = false) @Nullable String till,
            @Parameter(description = "Records per page, 1 to 200; 50 when absent") @RequestParam(required = false) @Nullable Integer limit,
            @Parameter(description = "The next_cursor of the previous page") @RequestParam(required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.onlyKnown(exchange.getRequest().getQueryParams().keySet(), PARAMETERS);
        String calendar = parameters.identifier("calendar_id", calendarId);
        String item = parameters.identifier("item_id", itemId);
        String rule = parameters.identifier("rule_id", ruleId);
        String who = parameters.text("actor", actor, 256);
        boolean ofPlatformAdmins = parameters.flag("platform_admins", platformAdmins);
        int size = limit == null ? DEFAULT_PAGE : parameters.limit("limit", limit, MAX_PAGE);
        TimeRange range = range(parameters, from, till);
        String after = cursor == null || cursor.isBlank() ? null : OpaqueCursors.text(cursor)
                .filter(text -> text.startsWith(CURSOR_KIND)).map(text -> text.substring(CURSOR_KIND.length())).orElse(null);
        if (cursor != null && !cursor.isBlank() && after == null) {
            parameters.reject("cursor", "format", "cursor must be a next_cursor returned by this endpoint");
        }
        if (calendarId == null && itemId == null && ruleId == null && actor == null && !ofPlatformAdmins) {
            parameters.reject("calendar_id", "required", "name a calendar_id, an item_id, a rule_id or an actor whose trail to read");
        }
        if (ofPlatformAdmins && (calendarId != null || itemId != null || ruleId != null)) {
            parameters.reject("platform_admins", "alone", "the platform admins' requests are the tenant's, of no calendar: "
                    + "name no calendar_id, item_id or rule_id with platform_admins=true (actor narrows it)");
        }
        parameters.throwIfInvalid();
        Caller caller = Callers.of(exchange);
        Mono<String> prefix;
        if (ofPlatformAdmins) {
            if (!caller.admin()) {
                return Mono.error(ProblemException.forbidden("platform_admins", "role", "admin", "the platform admins' requests in "
                        + "a tenant are shown to its admins; " + caller.actor() + " is not one"));
            }
            if (caller.tenant() == null) {
                // A single-tenant deployment has no platform admins (ADR 0102).
                return Mono.just(new AuditPage(List.of(), null));
            }
            prefix = Mono.just(AuditTrail.BY_TENANT_PLATFORM_ADMINS + caller.tenant().name() + "/");
        } else if (calendar != null) {
            prefix = managed(exchange, calendar, "calendar_id", () -> ProblemException.notFound("calendar_id", "no calendar " + calendar));
        } else if (item != null) {
            Supplier<ProblemException> noItem = () -> ProblemException.notFound("item_id", "no item or occurrence " + item);
            prefix = entries.find(item).switchIfEmpty(Mono.error(noItem))
                    .flatMap(entry -> managed(exchange, entry.calendarId(), "item_id", noItem));
        } else if (rule != null) {
            Supplier<ProblemException> noRule = () -> ProblemException.notFound("rule_id", "no rule " + rule);
            prefix = rules.find(rule).filter(found -> found.calendarId() != null)
                    .switchIfEmpty(Mono.error(noRule))
                    .flatMap(found -> managed(exchange, found.calendarId(), "rule_id", noRule));
        } else {
            if (!caller.admin() && !caller.actor().equals(who)) {
                return Mono.error(ProblemException.forbidden("actor", "role", "admin", "only admins read another actor's trail across calendars; "
                        + "name a calendar_id you manage to read what " + who + " did on it"));
            }
            if (!caller.mayKnow(who)) {
                // An actor of another tenant did nothing an admin of this one may know of: as an actor who never acted (ADR 0102).
                return Mono.just(new AuditPage(List.of(), null));
            }
            prefix = Mono.just(AuditTrail.BY_ACTOR + who + "/");
        }
        return prefix.publishOn(Schedulers.boundedElastic()).map(start -> {
            if (after != null && !after.startsWith(start)) {
                throw ProblemException.invalid("cursor", "format", "cursor must be a next_cursor of the same query");
            }
            return page(start, range, after, size, item, rule, who);
        });
    }

    private TimeRange range(QueryParameters parameters, @Nullable String from, @Nullable String till) {
        Instant now = clock.instant();
        if (from != null && till != null) {
            TimeRange range = parameters.range("from", from, "till", till, "audit range", MAX_RANGE_DAYS, "max_range_days");
            return range == null ? new TimeRange(now.minus(DEFAULT_RANGE), now) : range;
        }
        Instant end = till == null ? now.plusMillis(1) : parameters.instant("till", till);
        Instant start = from == null ? (end == null ? now : end).minus(DEFAULT_RANGE) : parameters.instant("from", from);
        if (start == null || end == null) {
            return new TimeRange(now.minus(DEFAULT_RANGE), now);
        }
        if (!start.isBefore(end)) {
            parameters.reject("from", "before_till", "from (" + start + ") must be before till (" + end + ")");
            return new TimeRange(now.minus(DEFAULT_RANGE), now);
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
            parameters.reject(till == null ? "from" : "till", "max_range_days", "the audit range from " + start + " till " + end
                    + " is longer than " + MAX_RANGE_DAYS + " days");
        }
        return new TimeRange(start, end);
    }

    /**
     * The calendar's trail, once the caller is found to manage it; {@code asIfAbsent} when the calendar does not exist or
     * is hidden from the caller, who has no role on it (ADR 0086).
     */
    private Mono<String> managed(ServerWebExchange exchange, String calendarId, String field, Supplier<ProblemException> asIfAbsent) {
        return calendars.find(calendarId)
                .switchIfEmpty(Mono.error(asIfAbsent))
                .flatMap(calendar -> readers.role(exchange, calendarId, calendar.owner()))
                .flatMap(role -> role.isEmpty() ? Mono.error(asIfAbsent.get())
                        : role.filter(CalendarRole.MANAGER::equals).isPresent() ? Mono.just(AuditTrail.BY_CALENDAR + calendarId + "/")
                        : Mono.error(ProblemException.forbidden(field, "role", "manager", "the audit trail of calendar " + calendarId
                                + " is shown to its managers and the admins; " + Callers.of(exchange).actor() + " is not one")));
    }

    private AuditPage page(String prefix, TimeRange range, @Nullable String after, int size, @Nullable String item,
                           @Nullable String rule, @Nullable String actor) {
        String lower = prefix + AuditTrail.key(range.start().toEpochMilli());
        String upper = after != null ? after : prefix + AuditTrail.key(range.end().toEpochMilli());
        List<AuditRecordView> page = new ArrayList<>();
        String last = null;
        int chunk = Math.max(size * 2, 100);
        while (true) {
            List<Document> found = Flux.from(records.find(Filters.and(Filters.gte("_id", lower), Filters.lt("_id", upper)))
                    .sort(Sorts.descending("_id")).limit(chunk)).collectList().block(timeout);
            for (Document record : found) {
                upper = record.getString("_id");
                if (!matches(record, item, rule, actor)) {
                    continue;
                }
                if (page.size() == size) {
                    return new AuditPage(page, OpaqueCursors.opaque(CURSOR_KIND + last));
                }
                page.add(AuditRecordView.of(record));
                last = record.getString("_id");
            }
            if (found.size() < chunk) {
                return new AuditPage(page, null);
            }
        }
    }

    private static boolean matches(Document record, @Nullable String item, @Nullable String rule, @Nullable String actor) {
        if (item != null && !item.equals(record.getString("entity_id"))) {
            return false;
        }
        if (rule != null && !rule.equals(record.getString("entity_id")) && !rule.equals(record.getString("rule_id"))) {
            return false;
        }
        return actor == null || actor.equals(record.getString("actor"));
    }

}
