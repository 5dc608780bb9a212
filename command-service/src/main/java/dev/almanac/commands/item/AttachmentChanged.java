package dev.almanac.commands.item;

import java.time.Instant;

/**
 * What an attachment command left: how many files the item has attached now, and its version and
 * the stored event that last changed it ({@code eventId}, {@code at}); {@code changed} is false
 * for a repeat that changed nothing.
 */
public record AttachmentChanged(int attachmentCount, boolean changed, long version, Instant at, String eventId) {
}
