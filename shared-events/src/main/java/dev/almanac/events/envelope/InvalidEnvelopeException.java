package dev.almanac.events.envelope;

/** A record whose headers do not form a valid Almanac envelope; the message names the header. */
public class InvalidEnvelopeException extends RuntimeException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }

    public InvalidEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
