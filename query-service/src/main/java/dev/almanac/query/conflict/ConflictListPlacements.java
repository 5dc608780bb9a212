package dev.almanac.query.conflict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a conflict's list copies go when a batch of events changed it: into the bucket of its
 * calendar (for a resource conflict, of every calendar it books from, and of its resource) and of
 * {@link ConflictDay#ALL all calendars} for the day its last state starts, with
 * withdrawals, at the last state's version, from every bucket an earlier state (the stored one or
 * one in between) was in. Buckets are newest-wins by version, so the changes are idempotent and
 * may be applied in any order.
 */
public final class ConflictListPlacements {

    private ConflictListPlacements() {
    }

    /**
     * Adds the bucket changes for one conflict to {@code changes}, keyed by bucket document id.
     *
     * @param states every state of the conflict this batch saw, oldest first and the newest last
     */
    public static void plan(List<ConflictView> states, Map<String, List<UnaryOperator<ConflictDay>>> changes) {
        ConflictView last = states.get(states.size() - 1);
        Set<String> placed = bucketIds(last);
        Set<String> touched = new LinkedHashSet<>(placed);
        states.forEach(state -> touched.addAll(bucketIds(state)));
        for (String bucketId : touched) {
            UnaryOperator<ConflictDay> change = placed.contains(bucketId)
                    ? day -> day.place(last)
                    : day -> day.withdraw(last.id(), last.version());
            changes.computeIfAbsent(bucketId, id -> new ArrayList<>()).add(change);
        }
    }

    private static Set<String> bucketIds(ConflictView conflict) {
        String bucket = ConflictDay.bucketOf(conflict);
        Set<String> ids = new LinkedHashSet<>();
        conflict.calendars().forEach(calendar -> ids.add(ConflictDay.id(calendar, bucket)));
        if (conflict.resourceId() != null) {
            ids.add(ConflictDay.id(ConflictDay.resourceScope(conflict.resourceId()), bucket));
        }
        ids.add(ConflictDay.id(ConflictDay.ALL, bucket));
        return ids;
    }
}
