-- Tells every command-service replica's relay that events were stored, rather than each polling the store (issue 75,
-- ADR 0095): PostgreSQL delivers the notification when the transaction commits, folds repeats within one transaction
-- into one, and sends none when it rolls back.
CREATE FUNCTION almanac_notify_events_committed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('almanac_events_committed', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_committed AFTER INSERT ON DomainEventEntry
    FOR EACH STATEMENT EXECUTE FUNCTION almanac_notify_events_committed();
