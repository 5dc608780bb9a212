package dev.almanac.commands.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is acting. Until authentication exists every request acts as one configured
 * development identity, recorded on every event like a real user would be.
 */
@Component
public class Actors {

    private final String developmentActor;

    public Actors(@Value("${almanac.identity.development-actor:developer}") String developmentActor) {
        this.developmentActor = developmentActor;
    }

    public CommandMetadata metadataOf(ServerWebExchange exchange) {
        return CommandMetadata.of(developmentActor, exchange);
    }
}
