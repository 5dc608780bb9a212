package dev.almanac.query.access;

import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.web.ProblemOpenApi;

/** Documents {@link CalendarReadAccess}' 403 on every read it checks; the grants read documents its own. */
@Configuration(proxyBeanMethods = false)
class CalendarReadAccessOpenApi {

    @Bean
    OpenApiCustomizer calendarReadForbidden() {
        return openApi -> {
            ApiResponse forbidden = ProblemOpenApi.answer(openApi, """
                    The calendar has grants and the caller has no role on it (rule role, required_role viewer); a \
                    calendar without grants is read by every user (ADR 0027)""");
            openApi.getPaths().forEach((path, item) -> {
                if (item.getGet() != null && item.getGet().getResponses() != null && CalendarReadAccess.calendarRead(path) != null) {
                    item.getGet().getResponses().addApiResponse("403", forbidden);
                }
            });
        };
    }
}
