package dev.almanac.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document from a web filter (the security chain's, a rate limit's), which runs
 * before the controllers and so before the problem advice that answers everything else.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", exchange.getRequest().getPath().value());
        List<Map<String, String>> errors = problem.violations().stream().map(ProblemResponses::error).toList();
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(problem.properties());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.status().value()));
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
    }

    private static Map<String, String> error(Violation violation) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", violation.field());
        error.put("rule", violation.rule());
        error.put("message", violation.message());
        return error;
    }
}
