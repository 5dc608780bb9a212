package dev.almanac.query.consistency;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * What a feature registers, as a bean, so that {@link ConsistencyGate} can tell whether its read model holds a
 * command's write: the kind of entity it keeps and how to read the version it holds of one, by a lookup of its key
 * (empty if it holds none). One for each {@link ConsistencyToken.Kind}.
 */
public record ConsistencySource(ConsistencyToken.Kind kind, Function<String, Mono<Long>> versions) {

    /** The version of entity {@code id} that the read model holds; empty if it holds none. */
    Mono<Long> version(String id) {
        return versions.apply(id);
    }
}
