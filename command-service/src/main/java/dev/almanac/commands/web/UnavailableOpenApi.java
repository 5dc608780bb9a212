package dev.almanac.commands.web;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.almanac.platform.web.ProblemOpenApi;

/**
 * Documents the 503 every command may answer, so that a client knows it is safe to send again after Retry-After: the
 * command queue full ({@link CommandThreads}), the event store unreachable ({@link EventStoreUnreachable}), a command
 * stopped past its time limit. None stored anything.
 */
@Configuration(proxyBeanMethods = false)
class UnavailableOpenApi {

    @Bean
    OpenApiCustomizer unavailableAnswer() {
        return openApi -> {
            ApiResponse unavailable = ProblemOpenApi.answer(openApi, """
                    Nothing of the command was stored, and it is safe to send again (a creation with its id, a change \
                    with If-Match): command-service's queue of commands is full, the event store cannot be reached, or \
                    the command ran past its time limit. The first two carry Retry-After.""")
                    .addHeaderObject("Retry-After", new Header().description("Seconds to wait before sending it again")
                            .schema(new IntegerSchema()));
            ProblemOpenApi.addTo(openApi, "503", unavailable, UnavailableOpenApi::isCommand);
        };
    }

    static boolean isCommand(HttpMethod method, String path) {
        return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS)
                && path.startsWith("/api/");
    }
}
