package dev.almanac.query.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What an SSE change event says: which calendar changed and how, enough for a client to refetch
 * what it shows, not the read model itself.
 *
 * @param calendarId       the record's key
 * @param type             the CloudEvent type ({@code ce_type})
 * @param eventId          the CloudEvent id ({@code ce_id}), stable across republishing
 * @param subject          the entity the event is about ({@code ce_subject}): item, occurrence, conflict, run or calendar id
 * @param version          the entity's version after the event ({@code almanac_aggregate_version}), if the record has one
 * @param consistencyToken the token a read passes to see this version, for the kinds that take one (items, calendars, runs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StreamChange(String calendarId, String type, String eventId, String subject, @Nullable Long version,
                    @Nullable String consistencyToken) {
}
