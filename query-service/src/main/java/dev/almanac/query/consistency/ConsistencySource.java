package dev.almanac.query.consistency;

import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * What a feature registers so that {@link ConsistencyGate} can tell whether its read model holds a command's write:
 * the kind of entity it keeps and the version it holds of one. One bean for each {@link ConsistencyToken.Kind}.
 */
public interface ConsistencySource {

    ConsistencyToken.Kind kind();

    /** The version of entity {@code id} that the read model holds, by a lookup of its key; empty if it holds none. */
    Mono<Long> version(String id);
}
