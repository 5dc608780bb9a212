package dev.almanac.query.changerequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One rule's open change requests, copied from {@link ChangeRequest}s as they change, so that a rule's
 * open proposals are one key lookup. A change request that is decided leaves the list, and so does any
 * that expired before the latest event folded in, which keeps the list to the proposals of the last
 * expiry period without reading a clock.
 */
public record RuleChangeRequests(String ruleId, List<ChangeRequest> open) {

    public RuleChangeRequests {
        open = List.copyOf(open);
    }

    public static RuleChangeRequests emptyOf(String ruleId) {
        return new RuleChangeRequests(ruleId, List.of());
    }

    /** The list with {@code changed} as it now stands: in it while proposed, out of it once decided. */
    public RuleChangeRequests with(ChangeRequest changed) {
        List<ChangeRequest> kept = new ArrayList<>();
        for (ChangeRequest request : open) {
            if (request.id().equals(changed.id())) {
                if (request.version() > changed.version()) {
                    return this;
                }
                continue;
            }
            if (request.isOpenAt(changed.lastEventTime())) {
                kept.add(request);
            }
        }
        if (changed.status() == ChangeRequest.Status.PROPOSED && changed.isDefined()) {
            kept.add(changed);
        }
        kept.sort(Comparator.comparing((ChangeRequest request) -> request.proposal().proposedAt()).thenComparing(ChangeRequest::id));
        return new RuleChangeRequests(ruleId, kept);
    }
}
