-- Each kind of aggregate gets its own namespace of identifiers (StoreIds): "item:x" and
-- "calendar:x" are different streams. Axon records the aggregate type of every event, so the
-- streams written before the namespaces existed are renamed from it.
UPDATE domainevententry SET aggregateidentifier = lower(type) || ':' || aggregateidentifier;
UPDATE snapshotevententry SET aggregateidentifier = lower(type) || ':' || aggregateidentifier;
