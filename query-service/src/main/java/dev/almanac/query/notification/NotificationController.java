package dev.almanac.query.notification;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.web.QueryParameters;

/**
 * The caller's notification centre: their notifications, the unread count, and marking one read or acknowledged. Every
 * answer is the caller's own: a notification of another user is answered as one that does not exist.
 */
@RestController
@Tag(name = "Notifications", description = "The caller's notification centre, projected from almanac.notifications.v1 "
        + "(eventually consistent; ADR 0075)")
public class NotificationController {

    static final int MAX_PAGE = 50;
    static final int DEFAULT_PAGE = 20;
    private static final String NOT_THEIRS = "The caller has no notification with this id (id, exists): none was raised for them, "
            + "or not yet, or it is another user's";

    private final Notifications notifications;
    private final NotificationPreferencesStore preferencesStore;
    private final CalendarReaders readers;
    private final Clock clock;

    /** The clock stamps when a notification was read or acknowledged; tests give their own. */
    public NotificationController(Notifications notifications, NotificationPreferencesStore preferencesStore, CalendarReaders readers,
                                  ObjectProvider<Clock> clock) {
        this.notifications = notifications;
        this.preferencesStore = preferencesStore;
        this.readers = readers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/notifications")
    @Operation(operationId = "listNotifications", summary = "The caller's notifications",
            description = """
                    The notifications raised for the caller (a failed, timed-out or missed run, a conflict detected or \
                    escalated, an orphaned link, a change to a rule awaiting confirmation), unread first, each group newest \
                    first, a page at a time: pass next_cursor back as cursor for the next. Each names its category, its \
                    source fact, the owner of what it concerns, links to it and the commands that apply (a missed run's \
                    approve and run, reschedule and delete). Filter by category and by status. unread_count counts every \
                    unread notification of the caller, whatever the filters. Only the caller's own are ever listed.""")
    @ApiResponse(responseCode = "200", description = "A page of the caller's notifications, possibly empty")
    @ProblemResponse(responseCode = "400", description = """
            category or status is not one of its values (one_of), limit is not between 1 and 50 (range), or cursor is not a \
            next_cursor of this endpoint (format)""")
    public Mono<NotificationPage> list(
            @Parameter(description = "Only notifications of this category", schema = @Schema(allowableValues = {"critical", "normal", "low"}))
            @RequestParam(required = false) @Nullable String category,
            @Parameter(description = "Only notifications in this status", schema = @Schema(allowableValues = {"unread", "read", "acknowledged"}))
            @RequestParam(required = false) @Nullable String status,
            @Parameter(description = "Page size, 1 to 50; 20 when absent") @RequestParam(required = false) @Nullable Integer limit,
            @Parameter(description = "The next_cursor of the previous page") @RequestParam(required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        NotificationCategory onlyCategory = parameters.optionalOneOf("category", category, NotificationCategory.class);
        NotificationStatus onlyStatus = parameters.optionalOneOf("status", status, NotificationStatus.class);
        int size = parameters.limit("limit", limit, MAX_PAGE);
        if (limit == null) {
            size = DEFAULT_PAGE;
        }
        Inbox.Position after = parameters.cursor(cursor, NotificationCursor::decode);
        parameters.throwIfInvalid();
        String user = Callers.of(exchange).actor();
        int pageSize = size;
        return notifications.inbox(user).flatMap(inbox -> {
            List<Inbox.Position> positions = inbox.entries().stream()
                    .filter(entry -> onlyCategory == null || entry.category() == onlyCategory)
                    .filter(entry -> onlyStatus == null || inbox.status(entry.id()) == onlyStatus)
                    .map(inbox::position)
                    .filter(position -> after == null || Inbox.ORDER.compare(position, after) > 0)
                    .sorted(Inbox.ORDER)
                    .limit(pageSize + 1L)
                    .toList();
            List<Inbox.Position> page = positions.subList(0, Math.min(pageSize, positions.size()));
            String next = positions.size() > pageSize ? NotificationCursor.encode(page.get(page.size() - 1)) : null;
            return notifications.find(page.stream().map(Inbox.Position::id).toList())
                    .map(found -> new NotificationPage(found.values().stream().map(stored -> NotificationView.of(stored, inbox)).toList(),
                            inbox.unread(), next));
        });
    }

    @GetMapping("/api/v1/notification-preferences")
    @Operation(operationId = "getNotificationPreferences", summary = "How notifications reach the caller",
            description = "The preferences the caller last set with PUT /api/v1/notification-preferences (command-service), as "
                    + "soon as this service has read them; the webhook's secret is never shown (secret_set). 404 before the first PUT: "
                    + "until then notifications reach the centre alone.")
    @ApiResponse(responseCode = "200", description = "The caller's preferences")
    @ProblemResponse(responseCode = "404", description = "The caller has set no preferences")
    public Mono<PreferencesView> preferences(ServerWebExchange exchange) {
        String user = Callers.of(exchange).actor();
        return preferencesStore.find(user).switchIfEmpty(Mono.error(() -> ProblemException.notFound("user",
                "you have set no notification preferences; PUT /api/v1/notification-preferences sets them")));
    }

    @GetMapping("/api/v1/calendars/{id}/notification-policy")
    @Operation(operationId = "getCalendarNotificationPolicy", summary = "What a calendar's notifications do for everyone",
            description = "The policy the calendar's managers last set with PUT /api/v1/calendars/{id}/notification-policy "
                    + "(command-service): the categories kept from everyone's e-mail and webhooks. Anyone with a role on the "
                    + "calendar may read it (403, rule role). 404 while none is set: then each user's own preferences decide alone.")
    @ApiResponse(responseCode = "200", description = "The calendar's notification policy")
    @ProblemResponse(responseCode = "404", description = "The calendar has no notification policy")
    public Mono<PolicyView> calendarPolicy(@Parameter(description = "Calendar id", example = "cal-ops") @PathVariable String id,
                                           ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        // A calendar hidden from the caller answers as one without a policy, which an unknown calendar also is (ADR 0086).
        Supplier<ProblemException> none = () -> ProblemException.notFound("id", "calendar " + id
                + " has no notification policy; its managers set one with PUT /api/v1/calendars/" + id + "/notification-policy");
        return readers.requireViewer(exchange, id, none).then(Mono.defer(() -> preferencesStore.findPolicy(id)))
                .switchIfEmpty(Mono.error(none));
    }

    @GetMapping("/api/v1/notifications/unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "How many of the caller's notifications are unread",
            description = "In all and by category: one key lookup, cheap enough to poll, though the live stream's notification "
                    + "events say when it changes.")
    @ApiResponse(responseCode = "200", description = "The caller's unread count")
    public Mono<UnreadCount> unreadCount(ServerWebExchange exchange) {
        return notifications.inbox(Callers.of(exchange).actor())
                .map(inbox -> new UnreadCount(inbox.unread(), inbox.unread(NotificationCategory.CRITICAL),
                        inbox.unread(NotificationCategory.NORMAL), inbox.unread(NotificationCategory.LOW)));
    }

    @GetMapping("/api/v1/notifications/{id}")
    @Operation(operationId = "getNotification", summary = "One of the caller's notifications",
            description = "Whatever its status, with its delivery history (deliveries): suppressed by a policy, held for quiet hours "
                    + "until a time, digested, sent by e-mail or webhook, each failed attempt and a dead letter after the last.")
    @ApiResponse(responseCode = "200", description = "The notification")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a notification's (id, format)")
    @ProblemResponse(responseCode = "404", description = NOT_THEIRS)
    public Mono<NotificationView> one(@Parameter(description = "Notification id") @PathVariable String id, ServerWebExchange exchange) {
        String user = caller(id, exchange);
        return view(user, id);
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one of the caller's notifications read",
            description = "It moves behind the unread ones and out of the unread count. Marking it again changes nothing: read_at "
                    + "stays when it was first read. Kept by this service for the caller alone (ADR 0075).")
    @ApiResponse(responseCode = "200", description = "The notification, read")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a notification's (id, format)")
    @ProblemResponse(responseCode = "404", description = NOT_THEIRS)
    public Mono<NotificationView> read(@Parameter(description = "Notification id") @PathVariable String id, ServerWebExchange exchange) {
        String user = caller(id, exchange);
        return existing(user, id).then(notifications.markRead(user, id, clock.instant())).then(view(user, id));
    }

    @PostMapping("/api/v1/notifications/{id}/acknowledge")
    @Operation(operationId = "acknowledgeNotification", summary = "Acknowledge one of the caller's notifications",
            description = "The caller has seen to it: it is read too, if it was not. Acknowledging it again changes nothing. Kept by "
                    + "this service for the caller alone (ADR 0075).")
    @ApiResponse(responseCode = "200", description = "The notification, acknowledged")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a notification's (id, format)")
    @ProblemResponse(responseCode = "404", description = NOT_THEIRS)
    public Mono<NotificationView> acknowledge(@Parameter(description = "Notification id") @PathVariable String id,
                                              ServerWebExchange exchange) {
        String user = caller(id, exchange);
        return existing(user, id).then(notifications.acknowledge(user, id, clock.instant())).then(view(user, id));
    }

    /** The caller, once the id is checked. */
    private static String caller(String id, ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return Callers.of(exchange).actor();
    }

    private Mono<Inbox> existing(String user, String id) {
        return notifications.inbox(user).filter(inbox -> inbox.entry(id).isPresent())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "you have no notification with the id '" + id + "'")));
    }

    private Mono<NotificationView> view(String user, String id) {
        return existing(user, id).flatMap(inbox -> notifications.find(List.of(id))
                .flatMap(found -> Mono.justOrEmpty(found.get(id)))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "you have no notification with the id '" + id + "'")))
                .map(stored -> NotificationView.of(stored, inbox)));
    }
}
