-- Emergency pause-all of recurring rules (ADR 0018). One row per emergency: the sweep that pauses
-- (and later resumes) every rule walks the rule streams of the event store in id order, and its
-- cursor is kept here after each page, so any replica continues it after a crash. At most one
-- emergency is open (pausing, paused or resuming) at a time.
CREATE TABLE rule_emergency_pause (
    id                  VARCHAR(64)  PRIMARY KEY,
    reason              VARCHAR(256),
    requested_at        TIMESTAMPTZ  NOT NULL,
    requested_by        VARCHAR(255) NOT NULL,
    phase               VARCHAR(16)  NOT NULL,
    sweep_cursor        VARCHAR(255) NOT NULL DEFAULT '',
    rules_paused        BIGINT       NOT NULL DEFAULT 0,
    rules_resumed       BIGINT       NOT NULL DEFAULT 0,
    resume_requested_at TIMESTAMPTZ,
    resume_requested_by VARCHAR(255)
);

CREATE UNIQUE INDEX rule_emergency_pause_one_open ON rule_emergency_pause ((true))
    WHERE phase IN ('pausing', 'paused', 'resuming');
