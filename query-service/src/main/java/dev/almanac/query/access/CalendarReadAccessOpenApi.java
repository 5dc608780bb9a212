package dev.almanac.query.access;

import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.almanac.platform.web.ProblemOpenApi;

/** Documents {@link CalendarReadAccess}' 404 on every read it checks; the grants read documents its own. */
@Configuration(proxyBeanMethods = false)
class CalendarReadAccessOpenApi {

    @Bean
    OpenApiCustomizer calendarReadHidden() {
        return openApi -> {
            ApiResponse hidden = ProblemOpenApi.answer(openApi, """
                    No calendar has this id, or the caller has no role on it: the same answer (ADR 0086)""");
            ProblemOpenApi.addTo(openApi, "404", hidden,
                    (method, path) -> method == HttpMethod.GET && CalendarReadAccess.calendarRead(path) != null);
        };
    }
}
