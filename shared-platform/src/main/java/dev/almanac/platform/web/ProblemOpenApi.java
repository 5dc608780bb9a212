package dev.almanac.platform.web;

import java.util.function.BiPredicate;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springframework.http.HttpMethod;
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

    /** Adds {@code answer} under {@code status} to every operation whose method and path template {@code where} accepts. */
    public static void addTo(OpenAPI openApi, String status, ApiResponse answer, BiPredicate<HttpMethod, String> where) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getResponses() != null && where.test(HttpMethod.valueOf(method.name()), path)) {
                operation.getResponses().addApiResponse(status, answer);
            }
        }));
    }
}
