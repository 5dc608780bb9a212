-- Each caller's commands in the current second, counted by every command-service replica (ADR 0093): one row per
-- caller, counted up by one upsert on its key. UNLOGGED: a count lost in a crash costs nothing, and a commit that
-- wrote only here does not wait for the WAL to reach the disk.
CREATE UNLOGGED TABLE command_rate_window (
    caller VARCHAR(256) PRIMARY KEY,
    second BIGINT       NOT NULL,
    used   INTEGER      NOT NULL
);
