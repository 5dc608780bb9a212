package dev.almanac.commands.web;

import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;

/**
 * Answers 503 with {@code Retry-After}, never 500, when PostgreSQL cannot be reached ({@link EventStoreUnreachable}):
 * from a controller that reads it (the advice, ahead of shared-platform's catch-all), and from a filter that does
 * ({@link Filter}: the idempotency keys are claimed there, before any controller runs). The commands themselves are
 * translated by {@link CommandDispatcher}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventStoreOutageAnswers {

    private static final Logger log = LoggerFactory.getLogger(EventStoreOutageAnswers.class);

    /** Spring looks through each failure's causes for these, so a wrapped one is found too. */
    @ExceptionHandler({EventStoreUnreachable.Refused.class, DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class, SQLTransientConnectionException.class,
            SQLNonTransientConnectionException.class, ConnectException.class})
    Mono<ResponseEntity<ProblemDetail>> unreachable(Exception failure, ServerWebExchange exchange) {
        return Mono.just(answer(failure, exchange));
    }

    static ResponseEntity<ProblemDetail> answer(Throwable failure, ServerWebExchange exchange) {
        logged(failure, exchange);
        ProblemException problem = EventStoreUnreachable.problem(failure);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setType(URI.create(problem.type()));
        body.setTitle(problem.title());
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        HttpHeaders headers = new HttpHeaders();
        EventStoreUnreachable.retryAfter(headers);
        return ResponseEntity.status(problem.status()).headers(headers).body(body);
    }

    /** One line, not a stack trace per command: during an outage every command fails the same way. */
    static void logged(Throwable failure, ServerWebExchange exchange) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log.warn("Event store unreachable on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                root.toString());
    }

    /** The same answer for a failure in a filter, which no controller advice sees. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Filter implements WebFilter {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return chain.filter(exchange).onErrorResume(EventStoreUnreachable::causedBy, failure -> {
                ServerHttpResponse response = exchange.getResponse();
                if (response.isCommitted()) {
                    return Mono.error(failure);
                }
                ResponseEntity<ProblemDetail> answer = answer(failure, exchange);
                ProblemDetail body = answer.getBody();
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", String.valueOf(body.getType()));
                problem.put("title", body.getTitle());
                problem.put("status", body.getStatus());
                problem.put("detail", body.getDetail());
                problem.put("instance", String.valueOf(body.getInstance()));
                byte[] json;
                try {
                    json = JSON.writeValueAsBytes(problem);
                } catch (JsonProcessingException e) {
                    return Mono.error(e);
                }
                response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                EventStoreUnreachable.retryAfter(response.getHeaders());
                response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
                return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
            });
        }
    }
}
