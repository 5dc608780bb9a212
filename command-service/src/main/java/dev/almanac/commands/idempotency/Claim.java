package dev.almanac.commands.idempotency;

/** What the store says about a request's key. */
sealed interface Claim {

    /** The key is this request's now: run the command, then complete or release the key. */
    /** @param claimedAt when, to the microsecond: only the holder of this claim may complete or release it */
    record Claimed(java.time.Instant claimedAt) implements Claim {
    }

    /** The key's first request finished: answer its response again. */
    record Completed(StoredResponse response) implements Claim {
    }

    /** The key's first request is still running. */
    record InProgress() implements Claim {
    }

    /** The key was first used with another request (another body, path or method). */
    record Mismatch() implements Claim {
    }
}
