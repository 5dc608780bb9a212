-- The emergency pause-all scoped to one tenant in multi-tenant mode (ADR 0102): tenant names the tenant whose rules it
-- sweeps (the rule streams beginning "rule:<tenant>:"), and is null for single-tenant mode's, which sweeps every rule.
-- At most one emergency is open per tenant; a tenant's id, "<tenant>:emergency-<uuid>", may run past 64 characters.
ALTER TABLE rule_emergency_pause ADD COLUMN tenant VARCHAR(32);
ALTER TABLE rule_emergency_pause ALTER COLUMN id TYPE VARCHAR(128);

DROP INDEX rule_emergency_pause_one_open;
CREATE UNIQUE INDEX rule_emergency_pause_one_open ON rule_emergency_pause ((COALESCE(tenant, '')))
    WHERE phase IN ('pausing', 'paused', 'resuming');
