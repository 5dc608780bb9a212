package dev.almanac.rules.repair;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/rulestate}: drops rule-expander's state and rebuilds it from the topics, answering when it is done
 * (docs/runbooks.md, "Rebuilding rule-expander's state").
 */
@Component
@Endpoint(id = "rulestate")
class RuleStateEndpoint {

    private final RuleStateRebuild rebuild;

    RuleStateEndpoint(RuleStateRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @WriteOperation
    RebuildReport rebuild() {
        return rebuild.rebuild();
    }
}
