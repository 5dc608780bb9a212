package dev.almanac.query.changerequest;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A rule's open change requests: those that can still be confirmed, oldest first. */
public record RuleChangeRequestsView(
        String ruleId,
        @Schema(description = "The rule's version now; an open change request was proposed against it") long ruleVersion,
        List<ChangeRequestView> changeRequests) {
}
