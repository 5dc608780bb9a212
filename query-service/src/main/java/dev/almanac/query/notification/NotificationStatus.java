package dev.almanac.query.notification;

/** Where a notification stands for its recipient: unread, read, or acknowledged (which reads it too). */
public enum NotificationStatus {
    UNREAD,
    READ,
    ACKNOWLEDGED
}
