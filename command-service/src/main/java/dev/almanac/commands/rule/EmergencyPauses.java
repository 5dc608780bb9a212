package dev.almanac.commands.rule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.events.Tenant;
import dev.almanac.platform.problem.ProblemException;

/**
 * The emergency pause-all records in PostgreSQL ({@code rule_emergency_pause}): what was asked, of which tenant's rules
 * (in multi-tenant mode; of every rule in single-tenant mode), the phase the sweep is in, and how far it got. Every replica reads the same rows, so no progress
 * lives only in memory.
 */
@Component
class EmergencyPauses {

    static final String PAUSING = "pausing";
    static final String PAUSED = "paused";
    static final String RESUMING = "resuming";
    static final String RESUMED = "resumed";

    private final JdbcTemplate jdbc;

    EmergencyPauses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens an emergency pause of {@code tenant}'s rules, or of every rule when it is null (single-tenant mode); its sweep
     * starts at the first of them.
     *
     * @throws ProblemException 409 {@code emergency_open} while another one of the same scope is open
     */
    EmergencyPause open(String id, @Nullable Tenant tenant, @Nullable String reason, Instant at, String actor) {
        try {
            jdbc.update("INSERT INTO rule_emergency_pause (id, tenant, reason, requested_at, requested_by, phase) VALUES (?, ?, ?, ?, ?, ?)",
                    id, tenant == null ? null : tenant.name(), reason, Timestamp.from(at), actor, PAUSING);
        } catch (DuplicateKeyException open) {
            throw ProblemException.conflict("id", "emergency_open", "an emergency pause is already open"
                    + current(tenant).map(pause -> " (" + pause.id() + ", " + pause.phase() + ")").orElse("")
                    + "; resume it before pausing every rule again");
        }
        return find(id).orElseThrow();
    }

    /**
     * Turns the open emergency pause of {@code tenant} (of every rule when null) to resuming, from the first rule again:
     * only rules it paused are resumed. A pause still sweeping stops pausing and starts resuming.
     *
     * @throws ProblemException 409 {@code no_emergency} when none is open
     */
    EmergencyPause resume(@Nullable Tenant tenant, Instant at, String actor) {
        int updated = jdbc.update("""
                UPDATE rule_emergency_pause SET phase = ?, sweep_cursor = '', resume_requested_at = ?, resume_requested_by = ?
                WHERE phase IN (?, ?) AND COALESCE(tenant, '') = ?""", RESUMING, Timestamp.from(at), actor, PAUSING, PAUSED, scope(tenant));
        EmergencyPause current = current(tenant).orElse(null);
        if (updated == 0 && (current == null || !current.phase().equals(RESUMING))) {
            throw ProblemException.conflict("id", "no_emergency", "no emergency pause is open; nothing to resume");
        }
        return current;
    }

    /** The open emergency pause of {@code tenant} (of every rule when null), if any. */
    Optional<EmergencyPause> current(@Nullable Tenant tenant) {
        return jdbc.query("SELECT * FROM rule_emergency_pause WHERE phase IN (?, ?, ?) AND COALESCE(tenant, '') = ?",
                EmergencyPauses::row, PAUSING, PAUSED, RESUMING, scope(tenant)).stream().findFirst();
    }

    /** The key of the one-open index: the tenant's name, or empty for the emergency of every rule. */
    private static String scope(@Nullable Tenant tenant) {
        return tenant == null ? "" : tenant.name();
    }

    Optional<EmergencyPause> find(String id) {
        return jdbc.query("SELECT * FROM rule_emergency_pause WHERE id = ?", EmergencyPauses::row, id).stream().findFirst();
    }

    /** The sweeping emergency, locked for this transaction; empty if none sweeps or another replica holds it. */
    Optional<EmergencyPause> claimSweep() {
        return jdbc.query("SELECT * FROM rule_emergency_pause WHERE phase IN (?, ?) FOR UPDATE SKIP LOCKED",
                EmergencyPauses::row, PAUSING, RESUMING).stream().findFirst();
    }

    /**
     * The rule ids after {@code cursor}, in order: each rule stream's first event, through the event store's own index. A
     * tenant's are a range of that index of their own, {@code rule:<tenant>:} up to {@code rule:<tenant>;}, so a tenant's
     * sweep reads only its own rules' streams.
     */
    List<String> rulesAfter(@Nullable String tenant, String cursor, int limit) {
        String first = tenant == null ? "rule:" : "rule:" + tenant + ":";
        String pastTheLast = tenant == null ? "rule;" : "rule:" + tenant + ";";
        return jdbc.queryForList("""
                SELECT aggregateIdentifier FROM DomainEventEntry
                WHERE aggregateIdentifier > ? AND aggregateIdentifier < ? AND aggregateIdentifier LIKE ? AND sequenceNumber = 0
                ORDER BY aggregateIdentifier LIMIT ?""", String.class, cursor.isEmpty() ? first : cursor, pastTheLast, first + "%", limit);
    }

    /** Records a swept page: the cursor, the count, and, when the page was the last, the phase reached. */
    void advance(EmergencyPause pause, String cursor, int changed, boolean finished) {
        boolean pausing = pause.phase().equals(PAUSING);
        jdbc.update("UPDATE rule_emergency_pause SET sweep_cursor = ?, " + (pausing ? "rules_paused = rules_paused + ?" : "rules_resumed = rules_resumed + ?")
                        + ", phase = ? WHERE id = ? AND phase = ?",
                cursor, changed, finished ? (pausing ? PAUSED : RESUMED) : pause.phase(), pause.id(), pause.phase());
    }

    private static EmergencyPause row(ResultSet row, int number) throws SQLException {
        Timestamp resumeRequested = row.getTimestamp("resume_requested_at");
        return new EmergencyPause(row.getString("id"), row.getString("tenant"), row.getString("reason"), row.getTimestamp("requested_at").toInstant(),
                row.getString("requested_by"), row.getString("phase"), row.getString("sweep_cursor"), row.getLong("rules_paused"),
                row.getLong("rules_resumed"), resumeRequested == null ? null : resumeRequested.toInstant(),
                row.getString("resume_requested_by"));
    }

    /** One emergency pause-all, as stored; {@code tenant} is the tenant whose rules it pauses, null for every rule. */
    record EmergencyPause(String id, @Nullable String tenant, @Nullable String reason, Instant requestedAt, String requestedBy, String phase, String cursor,
                          long rulesPaused, long rulesResumed, @Nullable Instant resumeRequestedAt, @Nullable String resumeRequestedBy) {
    }
}
