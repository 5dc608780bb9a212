package dev.almanac.query.resource;

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

import dev.almanac.query.web.QueryParameters;

@RestController
@RequestMapping("/api/v1/resources")
@Tag(name = "Resources", description = "Resources as projected from almanac.calendars.v1 (eventually consistent)")
public class ResourceController {

    private final Resources resources;

    public ResourceController(Resources resources) {
        this.resources = resources;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a resource",
            description = "The resource and every range it is marked unavailable, by start. The ETag header carries its aggregate version.")
    @ApiResponse(responseCode = "200", description = "The resource")
    @ApiResponse(responseCode = "400", description = "The id cannot be a resource's; errors[].field is id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No resource has this id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public Mono<ResponseEntity<ResourceView>> find(@Parameter(description = "Resource id", example = "res-projector")
                                                   @PathVariable String id) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        parameters.throwIfInvalid();
        return resources.require(id)
                .map(resource -> ResponseEntity.ok().eTag(Long.toString(resource.version())).body(resource));
    }
}
