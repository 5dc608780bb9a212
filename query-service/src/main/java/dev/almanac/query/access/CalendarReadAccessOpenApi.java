package dev.almanac.query.access;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents {@link CalendarReadAccess}' 403 on every read of one calendar but the grants read, which documents its own. */
@Configuration(proxyBeanMethods = false)
class CalendarReadAccessOpenApi {

    @Bean
    OpenApiCustomizer calendarReadForbidden() {
        ApiResponse forbidden = new ApiResponse()
                .description("""
                        The calendar has grants and the caller has no role on it (rule role, required_role viewer); a \
                        calendar without grants is read by every user (ADR 0027)""")
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(new ObjectSchema())));
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/calendars/{id}") && !path.endsWith("/grants") && item.getGet() != null
                    && item.getGet().getResponses() != null) {
                item.getGet().getResponses().addApiResponse("403", forbidden);
            }
        });
    }
}
