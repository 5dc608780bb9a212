package dev.almanac.query.calendar;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.web.VersionEtags;

@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "Calendars", description = "Calendars as projected from almanac.calendars.v1 (eventually consistent)")
public class CalendarController {

    private final Calendars calendars;

    public CalendarController(Calendars calendars) {
        this.calendars = calendars;
    }

    /** The calendar list; a wrapper object so that paging fields can be added without breaking clients. */
    public record CalendarList(List<CalendarView> calendars) {
    }

    @GetMapping
    @Operation(summary = "List calendars", description = "Every calendar, ordered by name and then id.")
    public Mono<CalendarList> list() {
        return calendars.all().collectList().map(CalendarList::new);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a calendar", description = "The ETag header carries the calendar's aggregate version.")
    @ApiResponse(responseCode = "200", description = "The calendar")
    @ApiResponse(responseCode = "400", description = "The id cannot be a calendar's; errors[].field is id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No calendar has this id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public Mono<ResponseEntity<CalendarView>> find(@Parameter(description = "Calendar id", example = "cal-ballroom")
                                                   @PathVariable String id) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return calendars.find(id)
                .switchIfEmpty(Mono.error(() -> unknownCalendar(id)))
                .map(calendar -> ResponseEntity.ok().eTag(VersionEtags.of(calendar.version())).body(calendar));
    }

    public static ProblemException unknownCalendar(String id) {
        return ProblemException.notFound("id", "no calendar has the id '" + id + "'");
    }
}
