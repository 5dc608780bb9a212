package dev.almanac.executor.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.executor.call.HttpCalls;
import dev.almanac.executor.signing.WebhookSignature;

/**
 * {@code POST /demo/receiver}: what a team's endpoint does with the executor's requests, for the local stack's demo
 * rule. It refuses a request whose signature does not verify (401), and fails one attempt in {@code fail_one_in}
 * (500), chosen from the occurrence and attempt so that a retry may succeed; it accepts the rest (200).
 */
@RestController
class DemoReceiver {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final WebhookSignature signature;
    private final Clock clock;

    DemoReceiver(WebhookSignature signature, Clock clock) {
        this.signature = signature;
        this.clock = clock;
    }

    @Operation(summary = "A demo receiver of signed job requests, which fails one attempt in fail_one_in")
    @PostMapping("/demo/receiver")
    ResponseEntity<Map<String, Object>> receive(@RequestHeader(WebhookSignature.HEADER) String signed,
                                                @RequestHeader(HttpCalls.OCCURRENCE) String occurrence,
                                                @RequestHeader(HttpCalls.ATTEMPT) int attempt,
                                                @Parameter(description = "1 in how many attempts fails; 0 or absent, none")
                                                @RequestParam(name = "fail_one_in", defaultValue = "0") int failOneIn,
                                                @RequestBody(required = false) byte[] body) {
        byte[] received = body == null ? new byte[0] : body;
        if (!signature.verify(signed, received, clock.instant(), TOLERANCE)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "the signature does not verify"));
        }
        if (failOneIn > 0 && Math.floorMod((occurrence + "#" + attempt).hashCode(), failOneIn) == 0) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(Map.of("error", "the demo fails one attempt in " + failOneIn + ", and this is one"));
        }
        return ResponseEntity.ok(Map.of("received", occurrence, "attempt", attempt));
    }
}
