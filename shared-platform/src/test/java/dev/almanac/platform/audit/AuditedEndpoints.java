package dev.almanac.platform.audit;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.platform.problem.ProblemException;

/** A read, a command and a refusal, for the audit's tests. */
@RestController
class AuditedEndpoints {

    static final String SECRET = "the ballroom's door code is 4711";

    @GetMapping("/api/v1/calendars/{id}")
    Map<String, String> read(@PathVariable String id) {
        return Map.of("id", id, "note", SECRET);
    }

    @PostMapping("/api/v1/calendars/{id}/pause")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> pause(@PathVariable String id) {
        return Map.of("id", id, "note", SECRET);
    }

    @GetMapping("/api/v1/hidden/{id}")
    Map<String, String> hidden(@PathVariable String id) {
        throw ProblemException.notFound("id", "no calendar has the id '" + id + "'");
    }
}
