package dev.almanac.query.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;

import dev.almanac.platform.openapi.ProblemResponse;
import dev.almanac.query.web.QueryParameters;

@RestController
@RequestMapping("/api/v1/resources")
@Tag(name = "Resources", description = "Resources as projected from almanac.calendars.v1 (eventually consistent)")
public class ResourceController {

    private final Resources resources;
    private final ResourceLists lists;

    public ResourceController(Resources resources, ResourceLists lists) {
        this.resources = resources;
        this.lists = lists;
    }

    @GetMapping
    @Operation(summary = "List resources", description = """
            Every resource, ordered by name and then id, at most `limit` a page (default and maximum 1000, F033-LIMIT-JOBS's \
            max_jobs_per_request); when more follow, pass `next_cursor` as `cursor`. Each is shown as what it is: its name, \
            type, zone and description; GET /resources/{id} gives its unavailable ranges and version. Resources carry no \
            grants (ADR 0021) and their availability tells nothing of the items that book them (ADR 0060), so every caller \
            sees every resource, as each resource's own read answers it.""")
    @ApiResponse(responseCode = "200", description = "A page of resources")
    @ProblemResponse(responseCode = "400", description = "limit outside 1..1000 (range) or a cursor this endpoint did not make (format)")
    public Mono<ResourceListView> list(
            @Parameter(description = "At most this many, 1 to 1000") @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        int size = parameters.limit("limit", limit, QueryParameters.MAX_JOBS_PER_REQUEST);
        ResourceCursor after = parameters.cursor(cursor, ResourceCursor::decode);
        parameters.throwIfInvalid();
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        return lists.page(after, size, caller == null ? null : caller.tenant());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a resource",
            description = "The resource and every range it is marked unavailable, by start. The ETag header carries its aggregate version.")
    @ApiResponse(responseCode = "200", description = "The resource")
    @ProblemResponse(responseCode = "400", description = "The id cannot be a resource's; errors[].field is id")
    @ProblemResponse(responseCode = "404", description = "No resource has this id")
    public Mono<ResponseEntity<ResourceView>> find(@Parameter(description = "Resource id", example = "res-projector")
                                                   @PathVariable String id) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return resources.require(id)
                .map(resource -> ResponseEntity.ok().eTag(Long.toString(resource.version())).body(resource));
    }
}
