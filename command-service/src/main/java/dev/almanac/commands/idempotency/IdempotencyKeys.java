package dev.almanac.commands.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_key} table: one row per actor and key, claimed before the command runs
 * and completed with its response. Every replica reads the same rows.
 */
@Component
class IdempotencyKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Duration inProgressTimeout;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock,
            @Value("${almanac.commands.idempotency.retention:PT24H}") Duration retention,
            @Value("${almanac.commands.idempotency.in-progress-timeout:PT30S}") Duration inProgressTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.inProgressTimeout = inProgressTimeout;
    }

    private record Row(String fingerprint, String state, Instant claimedAt, Instant expiresAt,
                       @Nullable Integer status, @Nullable String headers, byte @Nullable [] body) {
    }

    /**
     * Claims {@code key} for a request, or says why not. A key whose retention has passed is free
     * again; a claim older than the in-progress timeout is taken to have died with its request
     * (a crash, a cut connection) and may be taken over by a repeat of the same request.
     */
    Claim claim(String actor, String key, String fingerprint) {
        Instant now = now();
        int inserted = jdbc.update("INSERT INTO idempotency_key (actor, idempotency_key, fingerprint, state, claimed_at, expires_at)"
                        + " VALUES (?, ?, ?, 'in_progress', ?, ?) ON CONFLICT (actor, idempotency_key) DO NOTHING",
                actor, key, fingerprint, Timestamp.from(now), Timestamp.from(now.plus(retention)));
        if (inserted == 1) {
            return new Claim.Claimed(now);
        }
        Row row = jdbc.query("SELECT fingerprint, state, claimed_at, expires_at, status, headers, body FROM idempotency_key"
                        + " WHERE actor = ? AND idempotency_key = ?",
                rows -> rows.next() ? new Row(rows.getString("fingerprint"), rows.getString("state"),
                        rows.getTimestamp("claimed_at").toInstant(), rows.getTimestamp("expires_at").toInstant(),
                        (Integer) rows.getObject("status"), rows.getString("headers"), rows.getBytes("body")) : null,
                actor, key);
        if (row == null) {
            // Purged between the insert and the read; the caller's repeat will find it free.
            return new Claim.InProgress();
        }
        boolean expired = !row.expiresAt().isAfter(now);
        if (!expired && !row.fingerprint().equals(fingerprint)) {
            return new Claim.Mismatch();
        }
        if (!expired && "completed".equals(row.state())) {
            return new Claim.Completed(new StoredResponse(row.status(), headers(row.headers()), row.body() == null ? new byte[0] : row.body()));
        }
        if (!expired && row.claimedAt().plus(inProgressTimeout).isAfter(now)) {
            return new Claim.InProgress();
        }
        int taken = jdbc.update("UPDATE idempotency_key SET fingerprint = ?, state = 'in_progress', claimed_at = ?, expires_at = ?,"
                        + " status = NULL, headers = NULL, body = NULL WHERE actor = ? AND idempotency_key = ? AND claimed_at = ?",
                fingerprint, Timestamp.from(now), Timestamp.from(now.plus(retention)), actor, key, Timestamp.from(row.claimedAt()));
        return taken == 1 ? new Claim.Claimed(now) : new Claim.InProgress();
    }

    /** Keeps the response of the claimed request, for its repeats. */
    void complete(String actor, String key, Claim.Claimed claim, StoredResponse response) {
        jdbc.update("UPDATE idempotency_key SET state = 'completed', status = ?, headers = ?, body = ?"
                        + " WHERE actor = ? AND idempotency_key = ? AND claimed_at = ?",
                response.status(), json(response.headers()), response.body(), actor, key, Timestamp.from(claim.claimedAt()));
    }

    /** Frees the key of a request that failed on our side, so that a repeat runs the command again. */
    void release(String actor, String key, Claim.Claimed claim) {
        jdbc.update("DELETE FROM idempotency_key WHERE actor = ? AND idempotency_key = ? AND claimed_at = ? AND state = 'in_progress'",
                actor, key, Timestamp.from(claim.claimedAt()));
    }

    /** Forgets the keys whose retention has passed. Every replica may run it; deleting twice is harmless. */
    @Scheduled(fixedDelayString = "${almanac.commands.idempotency.purge-interval:PT10M}")
    void purge() {
        jdbc.update("DELETE FROM idempotency_key WHERE expires_at <= ?", Timestamp.from(now()));
    }

    /** PostgreSQL keeps microseconds; a claim's time is compared as stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String json(Map<String, List<String>> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> headers(@Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
