package dev.almanac.query.changes;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.PlainJson;

/** One change in the feed. */
@Schema(name = "Change")
public record ChangeView(
        @Schema(description = "What changed", allowableValues = {"item", "occurrence", "rule", "conflict", "calendar"}) String kind,
        @Schema(description = "Its id") String id,
        @Schema(description = "The calendar it is on (a rule's queue; a conflict's own calendar)") String calendarId,
        @Schema(description = "Its version after the change; a client keeps the highest") long version,
        @Schema(description = "created and changed carry the new state; removed carries none",
                allowableValues = {"created", "changed", "removed"}) String change,
        @Schema(description = """
                Why it was removed: cancelled (an item cancelled or an occurrence withdrawn), deleted (a rule), cleared, \
                resolved or dismissed (a conflict), access_revoked (kind calendar: the caller may no longer read the \
                calendar; drop everything of it)""") @Nullable String reason,
        @Schema(description = "The state after the change, as the read model holds it (the fields of the entity's own read); "
                + "an entry or rule the caller may not see whole is a busy block (ADR 0096): its times, calendar and status, an "
                + "empty title and type (a rule's name and job type), and busy saying why; a conflict's entry is one with an "
                + "empty title and busy")
        @Nullable Map<String, Object> state) {

    static ChangeView of(FeedChange change) {
        return new ChangeView(change.kind(), change.id(), change.calendarId(), change.version(), change.change(), change.reason(),
                change.state() == null ? null : PlainJson.plain(change.state()));
    }
}
