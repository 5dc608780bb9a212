package dev.almanac.query.access;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.query.readmodel.Versioned;

/** A calendar's owner and grants as of its event {@code version}; its grants are listed in the order of the users' ids. */
@Schema(name = "CalendarGrants", description = "Who may do what on a calendar (ADR 0027)")
public record CalendarAccessView(
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(description = "The calendar's owner; a staff owner manages the calendar") @Nullable CalendarOwner owner,
        List<Grant> grants,
        @Schema(description = "Aggregate version of the calendar; also the ETag") long version) implements Versioned {

    public CalendarAccessView {
        grants = List.copyOf(grants);
    }

    /** One user's role. */
    @Schema(name = "CalendarGrant")
    public record Grant(@Schema(example = "alice@example.com") String userId, CalendarRole role) {
    }

    /** True while the calendar has no grants: every user is its scheduler. */
    @JsonProperty("open")
    @Schema(description = "True while the calendar has no grants: every user is its scheduler")
    public boolean open() {
        return grants.isEmpty();
    }

    static CalendarAccessView of(String calendarId, CalendarAccess access, long version) {
        List<Grant> grants = access.grantsInOrder().entrySet().stream()
                .map(grant -> new Grant(grant.getKey().value(), grant.getValue())).toList();
        return new CalendarAccessView(calendarId, access.owner(), grants, version);
    }

    /** The access the view describes, for deciding who may read it. */
    @JsonIgnore
    public CalendarAccess access() {
        return new CalendarAccess(owner, grants.stream().collect(Collectors.toMap(
                grant -> UserId.of(grant.userId()), Grant::role)));
    }
}
