package dev.almanac.query.run;

import org.jspecify.annotations.Nullable;

/**
 * What the views overlay on one entry: its latest run report (or, with none, the missed state rule-expander found), and
 * the dispatcher's latest decision on it. Which of the two shows goes by rank ({@link RunState#rank},
 * {@link DispatchState#rank}): the later attempt, and within an attempt the later step. The missed state shows over a
 * decision that was still waiting for a run (buffered, or dispatched and never reported), not over one that says why
 * no run came (skipped, timed out, retried, exhausted).
 *
 * @param run      the latest run reported, or the missed state; null when neither
 * @param dispatch the dispatcher's latest decision; null when it decided nothing about the entry
 */
public record LatestRun(@Nullable RunState run, @Nullable DispatchState dispatch) {

    /** The overlay of an entry with no run reported, found missed or not dispatched, nothing decided about it. */
    public static final LatestRun NONE = new LatestRun(null, null);

    /**
     * @param reported the entry's latest run reported ({@code entry_runs})
     * @param missed   its missed run ({@code missed_runs}), which shows only with no run reported and while it
     *                 {@link MissedRun#showsMissed shows missed}
     * @param dispatch the dispatcher's latest decision ({@code entry_dispatches})
     */
    public static LatestRun of(@Nullable RunState reported, @Nullable MissedRun missed, @Nullable DispatchState dispatch) {
        RunState run = reported != null ? reported : missed != null && missed.showsMissed() ? RunState.missed(missed) : null;
        return run == null && dispatch == null ? NONE : new LatestRun(run, dispatch);
    }

    /** The state a view shows; {@code heldBack} only when neither a run nor a decision says more. */
    public RunOverlay overlay(@Nullable RunOverlay heldBack) {
        if (dispatchShows()) {
            return RunOverlay.of(dispatch.decision());
        }
        return RunOverlay.of(run, heldBack);
    }

    /** The run a view shows beside the overlay: the run reported, or the missed state while it is what shows. */
    public @Nullable RunState shownRun() {
        return run != null && run.isMissed() && dispatchShows() ? null : run;
    }

    /** Whether the overlay is the one the missed-run actions answer. */
    public boolean showsMissed() {
        return run != null && run.isMissed() && !dispatchShows();
    }

    private boolean dispatchShows() {
        if (dispatch == null) {
            return false;
        }
        if (run == null) {
            return true;
        }
        return run.isMissed() ? !dispatch.decision().yieldsToMissed() : dispatch.rank() > run.rank();
    }
}
