package dev.almanac.events.notification;

/**
 * The fact a notification tells of, as its envelope named it.
 *
 * @param eventType the fact's CloudEvents type, such as {@code dev.almanac.run.RunFailed.v1}
 * @param eventId   the fact's event id ({@code ce_id})
 * @param producer  the service that published it ({@code ce_source})
 * @param subject   the entity the fact is about ({@code ce_subject}): a run, an occurrence, a conflict, a change request
 */
public record NotificationSource(String eventType, String eventId, String producer, String subject) {
}
