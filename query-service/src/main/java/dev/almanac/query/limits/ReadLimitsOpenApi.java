package dev.almanac.query.limits;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.almanac.platform.web.ProblemOpenApi;

/** Documents {@link ReadLimits}' 429 on every read it counts, and on the live stream, so a client knows to pace itself. */
@Configuration(proxyBeanMethods = false)
class ReadLimitsOpenApi {

    @Bean
    OpenApiCustomizer readLimitAnswer() {
        return openApi -> {
            ApiResponse tooMany = ProblemOpenApi.answer(openApi, """
                    The caller used up its budget for this family of reads in the current window (almanac.query.read-limits: \
                    reads 6,000 a minute, exports and feeds 120 an hour, the change feed 600 a minute, by default; the live \
                    stream 5 open at once; admins are not limited). Nothing was read; retry after Retry-After seconds. The \
                    problem names the rule rate_limit.""")
                    .addHeaderObject("Retry-After", new Header().description("Seconds until the window ends").schema(new IntegerSchema()))
                    .addHeaderObject(ReadLimits.POLICY, new Header().description("The family's budget and window, e.g. \"reads\";q=6000;w=60")
                            .schema(new StringSchema()))
                    .addHeaderObject(ReadLimits.REMAINING, new Header().description("What is left of it and the seconds until the window ends, "
                            + "e.g. \"reads\";r=0;t=42").schema(new StringSchema()));
            ProblemOpenApi.addTo(openApi, "429", tooMany, ReadLimitsOpenApi::limited);
        };
    }

    static boolean limited(HttpMethod method, String path) {
        return ReadFamily.of(method, path) != null || (HttpMethod.GET.equals(method) && path.equals("/api/v1/stream"));
    }
}
