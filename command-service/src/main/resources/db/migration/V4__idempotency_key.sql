-- The first response to each Idempotency-Key, per actor, so that a repeated request gets it
-- again from any replica instead of applying the command twice (ADR 0016). A row is claimed
-- (state in_progress) before the command runs and completed with the response after it; rows
-- are purged once expires_at has passed.
CREATE TABLE idempotency_key (
    actor           VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    claimed_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    status          INTEGER,
    headers         TEXT,
    body            BYTEA,
    PRIMARY KEY (actor, idempotency_key)
);

CREATE INDEX idempotency_key_by_expiry ON idempotency_key (expires_at);
