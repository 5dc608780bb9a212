package dev.almanac.query.access;

import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

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
            ProblemOpenApi.addTo(openApi, "403", forbidden,
                    (method, path) -> method == HttpMethod.GET && CalendarReadAccess.calendarRead(path) != null);
        };
    }
}
