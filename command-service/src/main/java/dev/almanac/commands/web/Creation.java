package dev.almanac.commands.web;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.almanac.commands.command.Warned;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.Violation;

/**
 * The outcome of a creation command: the aggregate's version, whether an earlier identical
 * request had created it, and the warnings of a new creation ({@link Warned}).
 */
public record Creation(long version, boolean repeated, List<Violation> warnings) {

    public Creation {
        warnings = List.copyOf(warnings);
    }

    /**
     * The answer's status and headers: 201 with the new resource's {@code location}, or 200 for a repeat, which the
     * client may take for the creation it asked for; with the headers of {@link Versions#written}.
     */
    public ResponseEntity.BodyBuilder answer(String location, ConsistencyToken token) {
        return ResponseEntity.status(repeated ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create(location))
                .headers(Versions.written(token));
    }

    static Creation fresh(@Nullable Object handlerResult) {
        return new Creation(0, false, handlerResult instanceof Warned warned ? warned.warnings() : List.of());
    }

    static Creation repeat() {
        return new Creation(0, true, List.of());
    }
}
