-- The command side's own ledger of one-off items per calendar, written in the same
-- transaction as the events that change it. It lets a command see every committed booking
-- of a calendar when it enforces the overbooking policy. It is derived from the event store
-- and can be rebuilt from it.
CREATE TABLE calendar_booking (
    item_id     VARCHAR(128) PRIMARY KEY,
    calendar_id VARCHAR(128) NOT NULL,
    start_at    TIMESTAMPTZ  NOT NULL,
    end_at      TIMESTAMPTZ  NOT NULL
);

CREATE INDEX calendar_booking_by_calendar_and_time ON calendar_booking (calendar_id, start_at, end_at);
