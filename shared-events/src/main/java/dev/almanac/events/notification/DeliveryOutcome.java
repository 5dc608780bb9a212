package dev.almanac.events.notification;

/** One line of a notification's delivery history. */
public enum DeliveryOutcome {
    /** A suppression rule kept it from e-mail and webhook ({@code policy} names the rule). */
    SUPPRESSED,
    /** Quiet hours hold it until {@code until}. */
    HELD,
    /** It goes out with others of its kind as one message ({@code digest_id}). */
    DIGESTED,
    /** The channel accepted it (the SMTP server, or the webhook with a 2xx). */
    SENT,
    /** An attempt failed ({@code detail} says why); another follows after a backoff. */
    ATTEMPT_FAILED,
    /** The last attempt failed; the delivery is set aside on the dead-letter topic and not tried again. */
    DEAD_LETTERED,
    /**
     * The sender stopped while handing it to the channel, so it may have gone out; it is not sent again, so that nothing is
     * sent twice, and the centre shows it as unconfirmed.
     */
    UNCONFIRMED
}
