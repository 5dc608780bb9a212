-- The links and dependencies between one-off items, kept in the command's own transaction by the
-- subscribing ItemGraphLedger, so that a change that spans several items (a linked move, a
-- cascade, a bulk reschedule) can find all of them in one query before it locks them in the
-- order of their ids (ADR 0022). Derived from the event store, like calendar_booking.
CREATE TABLE item_link (
    follower_id VARCHAR(128) PRIMARY KEY,
    primary_id  VARCHAR(128) NOT NULL
);

CREATE INDEX item_link_by_primary ON item_link (primary_id);

-- item_id depends on depends_on: a reschedule of depends_on with cascade moves item_id.
CREATE TABLE item_dependency (
    item_id    VARCHAR(128) NOT NULL,
    depends_on VARCHAR(128) NOT NULL,
    PRIMARY KEY (item_id, depends_on)
);

CREATE INDEX item_dependency_by_dependency ON item_dependency (depends_on);
