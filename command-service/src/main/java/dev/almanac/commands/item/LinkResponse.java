package dev.almanac.commands.item;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a link or unlink: the pair, the offset, where the follower now stands, and each
 * item's new version with its own consistency token (the ETag and Almanac-Consistency-Token
 * headers name the primary, the item in the path).
 */
record LinkResponse(
        String primaryId,
        String followerId,
        @Schema(description = "Whether the follower follows the primary after this request") boolean linked,
        @Schema(description = "The follower's start minus the primary's", example = "2h") String offset,
        long offsetSeconds,
        Instant followerStart,
        Instant followerEnd,
        @Schema(description = "Whether this request changed anything; a repeated link with the same offset does not") boolean changed,
        Instant changedAt,
        String changedBy,
        Side primary,
        Side follower) {

    /** One item of the pair after the request: its version, the stored event that last changed it, and its token. */
    @Schema(name = "LinkSide")
    record Side(long version, String auditId, String consistencyToken) {
    }
}
