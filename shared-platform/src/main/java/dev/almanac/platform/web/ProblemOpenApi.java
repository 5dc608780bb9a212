package dev.almanac.platform.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springframework.http.ProblemDetail;

/**
 * An answer whose body is a problem document, for a customizer that adds one answer to many operations (a web
 * filter's refusal, which no controller annotation can describe). It reads as
 * {@code @ApiResponse(content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation =
 * ProblemDetail.class)))} does, and adds the {@code ProblemDetail} schema to a document that has none yet.
 */
public final class ProblemOpenApi {

    private static final String SCHEMA = ProblemDetail.class.getSimpleName();

    private ProblemOpenApi() {
    }

    public static ApiResponse answer(OpenAPI openApi, String description) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(SCHEMA)) {
            ModelConverters.getInstance().readAll(ProblemDetail.class).forEach(openApi.getComponents()::addSchemas);
        }
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }
}
