-- Who created each rule that is not deleted, kept in the command's own transaction by the
-- subscribing RuleOwners handler: seed 000's limit of rules per user is counted here (ADR 0018).
CREATE TABLE rule_owner (
    rule_id VARCHAR(255) PRIMARY KEY,
    owner   VARCHAR(255) NOT NULL
);

CREATE INDEX rule_owner_by_owner ON rule_owner (owner);
