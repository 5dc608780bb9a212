package dev.almanac.commands.repair;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/republish}: republishes a range of the event store to Kafka (docs/runbooks.md, "Republishing a
 * range of the event store"). The query string names the range: {@code fromSequence} and {@code toSequence}, or
 * {@code from} and {@code to} (ISO-8601 instants), and/or {@code aggregateId}; {@code dryRun=true} counts without sending.
 * (A JSON body works too, but the actuator reads its values as strings only.) Bad input is a 400 that names the field and
 * the rule.
 */
@Component
@Endpoint(id = "republish")
class RepublishEndpoint {

    private final EventStoreRepublisher republisher;

    RepublishEndpoint(EventStoreRepublisher republisher) {
        this.republisher = republisher;
    }

    @WriteOperation
    RepublishReport republish(@Nullable Long fromSequence, @Nullable Long toSequence, @Nullable String from, @Nullable String to,
                              @Nullable String aggregateId, @Nullable Boolean dryRun) {
        RepublishRange range;
        try {
            range = new RepublishRange(fromSequence, toSequence, instant("from", from), instant("to", to), aggregateId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
        return republisher.republish(range, Boolean.TRUE.equals(dryRun));
    }

    private static @Nullable Instant instant(String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            String rule = field + ": must be an ISO-8601 instant such as 2026-11-30T22:00:00Z";
            // The reason is what the answer's problem detail says.
            throw new InvalidEndpointRequestException(rule, rule);
        }
    }
}
