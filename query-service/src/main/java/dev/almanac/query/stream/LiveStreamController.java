package dev.almanac.query.stream;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.notification.NotificationSignals;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Live updates", description = "Server-sent events telling a calendar UI what changed, once a refetch shows it (ADR 0038)")
public class LiveStreamController {

    static final String CALENDAR_ID = "calendar_id";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String MAX_CALENDARS_RULE = "max_calendars";
    /** Notifications a stream holds for a client still writing the ones before: a burst of one listener batch fits. */
    static final int NOTIFICATIONS_BUFFERED = 1_000;

    private final Calendars calendars;
    private final CalendarReaders readers;
    private final StreamHub hub;
    private final NotificationSignals notifications;
    private final int maxCalendars;
    private final Duration heartbeat;
    private final Duration retryAfter;
    private final Duration accessRecheck;

    public LiveStreamController(Calendars calendars, CalendarReaders readers, StreamHub hub, NotificationSignals notifications,
                                @Value("${almanac.query.stream.max-calendars:100}") int maxCalendars,
                                @Value("${almanac.query.stream.heartbeat:15s}") Duration heartbeat,
                                @Value("${almanac.query.stream.retry-after:30s}") Duration retryAfter,
                                @Value("${almanac.query.stream.access-recheck:5s}") Duration accessRecheck) {
        this.calendars = calendars;
        this.readers = readers;
        this.hub = hub;
        this.notifications = notifications;
        this.maxCalendars = maxCalendars;
        this.heartbeat = heartbeat;
        this.retryAfter = retryAfter;
        this.accessRecheck = accessRecheck;
    }

    @GetMapping("/api/v1/stream")
    @Operation(summary = "Live updates of calendars (server-sent events)",
            description = """
                    A text/event-stream of the changes to the calendars named by calendar_id (1 to 100, each an existing \
                    calendar), each sent once the read models hold it, so a refetch on any replica shows it. First comes \
                    `ready`: refetch what you show, then follow the events. Each change is one event named by its kind: \
                    `entry` (items and rule occurrences, retractions, missed runs), `conflict`, `run` or `calendar`; its data \
                    is JSON with calendar_id, type (the CloudEvent type), event_id, subject (the entity's id), version and, \
                    for items, calendars and runs, the consistency_token a read passes to see that version. It is not the \
                    read model: refetch what the event touches. Each event's id is an opaque position; reconnecting with \
                    Last-Event-ID replays what was missed from a buffer of recent changes (the last 10,000 or 10 minutes), \
                    perhaps with duplicates. Where the buffer no longer reaches back, the stream starts with `reset`: refetch \
                    everything, then follow. A `reset` may also come mid-stream, with the same meaning (reason \
                    reader_restarted, or projection_lagging when the read models fell too far behind for each change to \
                    wait). A client too slow to read its events gets a last `reset` (reason slow_client) and the stream ends. A comment line is sent whenever nothing else was for 15 s. Beyond the process's \
                    cap of open streams the answer is 503 with Retry-After; a HEAD is answered as a GET would be, and \
                    opens no stream. A calendar with grants is followed only by those with a role on it, as its reads are \
                    (ADR 0027): naming one the caller has no role on is answered 403, and no stream opens. An open stream is \
                    checked again every almanac.query.stream.access-recheck (5 s) against the calendars with grants as the \
                    reads across calendars see them (read once a second): once its caller has lost the role on one of its \
                    calendars, it ends with a last `reset` (reason role_revoked) naming the calendars lost, and a reconnect \
                    is answered 403. An admin's stream is not checked again. The caller's own notifications come too, each an event \
                    named `notification` whose data has notification_id, kind, category, title and calendar_id, once the \
                    notification centre holds it (GET /api/v1/notifications); it has no id, and a reconnect refetches the \
                    notifications.""")
    @ApiResponse(responseCode = "200", description = "The stream of events",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @ProblemResponse(responseCode = "400", description = """
            calendar_id is missing (required), more than 100 (max_calendars) or not an id (format), or Last-Event-ID is not \
            an id this stream sent (format)""")
    @ProblemResponse(responseCode = "404", description = "No calendar has one of the ids, or the caller has no role on it: the same answer (calendar_id, exists; ADR 0086)")
    @ProblemResponse(responseCode = "503", description = "Every stream slot of this process is taken; try again after Retry-After")
    public Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> stream(
            @Parameter(description = "A calendar to follow; repeat for more (1 to 100)", required = true,
                    array = @ArraySchema(schema = @Schema(type = "string", example = "cal-ballroom"), minItems = 1, maxItems = 100))
            @RequestParam(name = CALENDAR_ID, required = false) @Nullable List<String> calendarIds,
            @Parameter(in = ParameterIn.HEADER, description = "The id of the last event received, to resume after it")
            @RequestHeader(name = LAST_EVENT_ID, required = false) @Nullable String lastEventId,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        Set<String> ids = new LinkedHashSet<>();
        if (calendarIds == null || calendarIds.isEmpty()) {
            parameters.reject(CALENDAR_ID, "required", CALENDAR_ID + " is required: name 1 to " + maxCalendars + " calendars");
        } else {
            calendarIds.forEach(id -> {
                String valid = parameters.requiredIdentifier(CALENDAR_ID, id);
                if (valid != null) {
                    ids.add(valid);
                }
            });
            if (calendarIds.size() > maxCalendars) {
                parameters.reject(CALENDAR_ID, MAX_CALENDARS_RULE, "a stream follows at most " + maxCalendars + " calendars, got "
                        + calendarIds.size() + ": open another stream for the rest");
            }
        }
        StreamPositions resumeFrom = lastEventId == null || lastEventId.isEmpty() ? null : StreamPositions.decode(lastEventId).orElse(null);
        if (lastEventId != null && !lastEventId.isEmpty() && resumeFrom == null) {
            parameters.reject(LAST_EVENT_ID, "format", LAST_EVENT_ID + " must be the id of an event this stream sent");
        }
        parameters.throwIfInvalid();
        // The roles are checked here, and again while the stream is open (untilRevoked): the hub sends a stream only its
        // calendars' changes, so nothing else can reach it.
        return Flux.fromIterable(ids)
                .concatMap(id -> calendars.find(id).switchIfEmpty(Mono.error(() -> CalendarReaders.noSuchCalendar(CALENDAR_ID, id)))
                        .then(readers.requireViewer(exchange, id, () -> CalendarReaders.noSuchCalendar(CALENDAR_ID, id))))
                .then(Mono.fromCallable(() -> open(ids, resumeFrom, exchange)));
    }

    /**
     * The stream, holding one of the process's slots until it ends. A HEAD gets what a GET would get now, without a slot
     * or a subscription: WebFlux never subscribes to the body of a HEAD, so a slot taken for one would never be given back.
     */
    private ResponseEntity<Flux<ServerSentEvent<Object>>> open(Set<String> ids, @Nullable StreamPositions resumeFrom,
                                                                ServerWebExchange exchange) {
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            if (!hub.hasRoom()) {
                throw new StreamsExhausted();
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(Flux.empty());
        }
        StreamSlots.Slot slot = hub.tryOpen().orElseThrow(StreamsExhausted::new);
        exchange.getAttributes().put(StreamSlotGuard.SLOT, slot);
        Flux<ServerSentEvent<Object>> events = withHeartbeats(untilRevoked(withNotifications(hub.subscribe(ids, resumeFrom), exchange),
                ids, exchange), heartbeat)
                .doFinally(signal -> slot.close());
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
    }

    /**
     * The events until the caller has lost the role on one of {@code ids}, then a last reset naming the calendars lost.
     * Checked every {@code access-recheck} from the calendars with grants that every read across calendars shares, so
     * that a stream costs no read of its own; a check that fails (the store down) leaves the stream open until the next.
     */
    private Flux<ServerSentEvent<Object>> untilRevoked(Flux<ServerSentEvent<Object>> events, Set<String> ids, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return events;
        }
        AtomicReference<List<String>> lost = new AtomicReference<>();
        Mono<List<String>> revoked = Flux.interval(accessRecheck, accessRecheck)
                .onBackpressureDrop()
                .concatMap(tick -> readers.visibility(exchange).onErrorResume(failure -> Mono.empty()), 1)
                .map(visibility -> ids.stream().filter(id -> !visibility.shows(id)).sorted().toList())
                .filter(calendars -> !calendars.isEmpty())
                .next()
                .doOnNext(lost::set);
        return events.takeUntilOther(revoked).concatWith(Mono.fromSupplier(() -> {
            List<String> calendars = lost.get();
            return calendars == null ? null : hub.revoked(calendars);
        }));
    }

    /**
     * The calendars' events, and a {@code notification} event for each notification listed for the caller while the stream
     * is open (ADR 0075), once their inbox holds it; they end with the calendars' events. A notification event has no id:
     * a reconnect refetches the notifications on {@code ready}. A burst (a listener's batch is listed at once) waits in
     * a buffer of {@value #NOTIFICATIONS_BUFFERED} a stream; beyond that a slow client loses the oldest, which the list
     * still shows.
     */
    private Flux<ServerSentEvent<Object>> withNotifications(Flux<ServerSentEvent<Object>> events, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null) {
            return events;
        }
        Flux<ServerSentEvent<Object>> notices = notifications.of(caller.actor())
                .onBackpressureBuffer(NOTIFICATIONS_BUFFERED, BufferOverflowStrategy.DROP_OLDEST)
                .map(notification -> ServerSentEvent.<Object>builder(NotificationNotice.of(notification)).event("notification").build());
        // One event at a time from the calendars' events, as withHeartbeats takes them, so a slow client's wait in the hub.
        return events.publish(shared -> Flux.merge(1, shared, notices.takeUntilOther(shared.then(Mono.just(true)))), 1);
    }

    /**
     * A comment whenever nothing was sent for {@code heartbeat}, so that proxies do not cut a quiet stream; it ends with
     * the events. It takes one event at a time from them, so that a slow client's events wait in its buffer in the hub,
     * which is what lets it go.
     */
    static Flux<ServerSentEvent<Object>> withHeartbeats(Flux<ServerSentEvent<Object>> events, Duration heartbeat) {
        return Flux.defer(() -> {
            Scheduler timer = Schedulers.parallel();
            long quiet = heartbeat.toMillis();
            AtomicLong lastSent = new AtomicLong(timer.now(TimeUnit.MILLISECONDS));
            Flux<ServerSentEvent<Object>> heartbeats = Mono.defer(() -> Mono.delay(
                            Duration.ofMillis(Math.max(0, lastSent.get() + quiet - timer.now(TimeUnit.MILLISECONDS))), timer))
                    .repeat()
                    .onBackpressureDrop()
                    .filter(due -> timer.now(TimeUnit.MILLISECONDS) - lastSent.get() >= quiet)
                    .map(due -> ServerSentEvent.builder().comment("keep-alive").build());
            return events.publish(shared -> Flux.merge(1, shared, heartbeats.takeUntilOther(shared.then(Mono.just(true)))), 1)
                    .doOnNext(sent -> lastSent.set(timer.now(TimeUnit.MILLISECONDS)));
        });
    }

    /** Every stream slot of this process is taken. */
    static final class StreamsExhausted extends RuntimeException {
        StreamsExhausted() {
            super("every stream this process serves is open; try again later or on another replica", null, false, false);
        }
    }

    @ExceptionHandler(StreamsExhausted.class)
    ResponseEntity<ProblemDetail> exhausted(StreamsExhausted exhausted, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, exhausted.getMessage());
        problem.setType(URI.create(ProblemTypes.UNAVAILABLE));
        problem.setTitle("Service unavailable");
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
