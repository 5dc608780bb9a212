package dev.almanac.tools.dltreplay;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a run reads of one DLT partition, and how far it may move the group. The group's position
 * is the next record no run has dealt with; the run moves it forward over what it read, never
 * back, and never over records left unread before a {@code --from-offset} beyond it.
 */
final class Range {

    private final @Nullable Long groupAtStart;
    /** Where the records dealt with end: the group's position, or the partition's beginning when it has none. */
    private final long dealtWith;
    private final long start;
    private final long stop;
    private long reached;
    private @Nullable Long group;
    /** The records read: on a transactional DLT the offsets reached also count commit markers and aborted records. */
    private long records;
    private long firstRecord = -1;
    private long lastRecord = -1;

    private Range(@Nullable Long groupAtStart, long dealtWith, long start, long stop) {
        this.groupAtStart = groupAtStart;
        this.dealtWith = dealtWith;
        this.start = start;
        this.stop = stop;
        this.reached = start;
        this.group = groupAtStart;
    }

    /**
     * @param group the group's committed offset, if any
     * @param end   the end offset read at the start: the run never reads beyond it
     * @param to    the last offset asked for, inclusive
     */
    static Range of(@Nullable Long group, long beginning, long end, @Nullable Long from, @Nullable Long to) {
        long dealtWith = group == null ? beginning : Math.max(group, beginning);
        long start = from == null ? dealtWith : Math.max(from, beginning);
        long stop = to == null ? end : Math.min(to + 1, end);
        return new Range(group, dealtWith, start, stop);
    }

    long start() {
        return start;
    }

    long stop() {
        return stop;
    }

    boolean done() {
        return reached >= stop;
    }

    /** A record of the range was read, at this offset. */
    void read(long offset) {
        records++;
        if (firstRecord < 0) {
            firstRecord = offset;
        }
        lastRecord = offset;
    }

    /** The consumer's position after a poll whose records were all dealt with; true if it moved. */
    boolean reached(long position) {
        long now = Math.min(position, stop);
        if (now <= reached) {
            return false;
        }
        reached = now;
        return true;
    }

    /** Where the group may go now, if anywhere. */
    Optional<Long> groupMove() {
        boolean gap = start > dealtWith;
        long ahead = Math.max(dealtWith, group == null ? -1 : group);
        return gap || reached <= ahead ? Optional.empty() : Optional.of(reached);
    }

    void committed(long offset) {
        group = offset;
    }

    /** One line for the summary: what was read, and where the group is. */
    String describe(String group, boolean dryRun) {
        String before = groupAtStart == null ? "no position" : "position " + groupAtStart;
        String read;
        if (start >= stop) {
            read = "nothing to read";
        } else if (records == 0) {
            read = reached > start
                    ? "read no records: offsets " + start + "-" + (reached - 1) + " hold transaction markers or aborted records"
                    : "read nothing";
        } else {
            read = "read " + records + (records == 1 ? " record" : " records") + " at offsets " + firstRecord + "-" + lastRecord;
        }
        StringBuilder line = new StringBuilder(read).append("; group ").append(group).append(' ');
        if (dryRun) {
            line.append("left at ").append(before).append(" (dry run)");
        } else if (start > dealtWith && start < stop) {
            line.append("left at ").append(before).append(": offsets ").append(dealtWith).append('-').append(start - 1)
                    .append(" were not read, and only a run that reads them moves it past them");
        } else if (this.group != null && !this.group.equals(groupAtStart)) {
            line.append("moved from ").append(before).append(" to ").append(this.group);
        } else {
            line.append("left at ").append(before);
        }
        if (start < dealtWith && start < stop) {
            line.append("; offsets ").append(start).append('-').append(Math.min(dealtWith, reached) - 1)
                    .append(" had been dealt with by an earlier run and were read again, as --from-offset asked");
        }
        return line.toString();
    }
}
