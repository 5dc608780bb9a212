package dev.almanac.commands.web;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * Documents the token that {@link Versions#written} puts on every successful command's answer (command-service serves
 * commands only), except where an operation says it writes nothing ({@link #WRITES_NOTHING}) or writes later
 * ({@link #WRITES_LATER}).
 */
@Configuration(proxyBeanMethods = false)
public class ConsistencyTokenOpenApi {

    /**
     * The OpenAPI extension of an operation that answers one token per entity in its body
     * instead of the header (a bulk command); its value says where in the body.
     */
    public static final String TOKENS_IN_BODY = "x-almanac-consistency-tokens-in-body";

    /**
     * The OpenAPI extension of an operation that writes nothing (a preview), so answers no token; its value says what
     * it answers instead.
     */
    public static final String WRITES_NOTHING = "x-almanac-writes-nothing";

    /**
     * The OpenAPI extension of an operation whose events are written later, by a sweep (the emergency pause-all and its
     * undo), so whose answer carries no token to wait for; its value says how to follow what it started.
     */
    public static final String WRITES_LATER = "x-almanac-writes-later";

    @Bean
    OpenApiCustomizer consistencyTokenHeader() {
        Header header = new Header()
                .description("""
                        Pass it to any query-service read as consistency_token: the read waits until it can show \
                        this write, and says in Almanac-Consistency whether it could (fresh) or not (stale).""")
                .schema(new StringSchema());
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() != null
                    && (operation.getExtensions() == null || !operation.getExtensions().containsKey(TOKENS_IN_BODY)
                    && !operation.getExtensions().containsKey(WRITES_NOTHING) && !operation.getExtensions().containsKey(WRITES_LATER))) {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(ConsistencyToken.HEADER, header);
                    }
                });
            }
        }));
    }
}
