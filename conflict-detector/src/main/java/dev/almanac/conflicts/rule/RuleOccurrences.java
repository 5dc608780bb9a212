package dev.almanac.conflicts.rule;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;

/** The rule occurrences of a partition's calendars and resources, as the trackers read them. */
public interface RuleOccurrences {

    /** A partition without rules, as in tests of items alone. */
    RuleOccurrences NONE = new RuleOccurrences() {
        @Override
        public ScopeView calendar(CalendarId calendarId) {
            return ScopeView.NONE;
        }

        @Override
        public ScopeView resource(ResourceId resourceId) {
            return ScopeView.NONE;
        }

        @Override
        public void storedOneMore(RuleScope scope) {
        }
    };

    ScopeView calendar(CalendarId calendarId);

    ScopeView resource(ResourceId resourceId);

    /** An entry or booking was stored on the scope: a bound on how many of them overlap may have grown. */
    void storedOneMore(RuleScope scope);
}
