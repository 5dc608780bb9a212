package dev.almanac.commands.item;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.ProblemException;

/** Links between items (LNK-PAIR): a follower moves and is cancelled with its primary, in the same transaction. */
@RestController
@RequestMapping("/api/v1/schedules/{id}/links")
@Tag(name = "schedules", description = "One-off items on calendars")
class ItemLinkController {

    private final CommandDispatcher commands;

    ItemLinkController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Link a follower to this item",
            description = "Makes follower_id follow the item in the path (its primary, LNK-PAIR): from now on a reschedule of "
                    + "the primary moves the follower by the same amount, and a cancellation cancels it, in the same "
                    + "transaction; the follower can no longer be moved or cancelled on its own while its primary stands (409, rule "
                    + "linked). Changes both items, so needs the caller to be, for each, its owner with the scheduler role on its "
                    + "calendar or a manager there (403, rule role or owner; ADR 0090). With "
                    + "offset (2h, -30m; at most 30 days either way, rule range) the follower first moves to start that long "
                    + "after the primary, checked as a reschedule is (SCH-004, started, SCH-023; errors name offset); "
                    + "without it the offset is what it is now. Linking the pair again with another offset changes it; with "
                    + "the same (or none) it changes nothing. Refused: follower_id the item itself (400 not_self), unknown "
                    + "(422 exists), either item cancelled (409 cancelled), the primary a follower or the follower a primary "
                    + "(409 nested_link: pairs do not nest), the follower following another item (409 linked), the primary "
                    + "with " + ItemMoves.MAX_FOLLOWERS + " followers (409 max_followers), the primary depending on the "
                    + "follower, directly or through others (409 cycle). If-Match: \"<version>\" of the primary turns a lost "
                    + "update into 412. ETag and Almanac-Consistency-Token name the primary; the body gives both items' "
                    + "versions and tokens.")
    Mono<ResponseEntity<LinkResponse>> link(
            @PathVariable String id,
            @Valid @RequestBody LinkRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId primary = PathIds.parse("id", id, ItemId::of);
        ItemId follower = request.follower();
        if (primary.equals(follower)) {
            throw ProblemException.invalid("follower_id", "not_self", "an item cannot follow itself");
        }
        Duration offset = request.offsetDuration();
        CommandMetadata metadata = commands.metadataOf(exchange);
        return send(new LinkItems(primary, follower, offset, Versions.expected(ifMatch)), primary, follower, true, metadata);
    }

    @DeleteMapping("/{followerId}")
    @Operation(summary = "Unlink a follower from this item",
            description = "Ends the link: both items stay where they are, and each moves and is cancelled on its own from now "
                    + "on. Needs the caller to be, for both items, its owner with the scheduler role or a manager of its calendar "
                    + "(403, rule role or owner; ADR 0090), as linking does; when the primary is cancelled and the follower is "
                    + "not (an orphaned link), for the follower only, and unlinking frees the follower (ADR 0030). 404 when followerId does not follow the item in the "
                    + "path; 409 cancelled when both items are cancelled: a pair cancelled together keeps its link. If-Match: "
                    + "\"<version>\" of the primary turns a lost update into 412.")
    Mono<ResponseEntity<LinkResponse>> unlink(
            @PathVariable String id,
            @PathVariable String followerId,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId primary = PathIds.parse("id", id, ItemId::of);
        ItemId follower = PathIds.parse("followerId", followerId, ItemId::of);
        CommandMetadata metadata = commands.metadataOf(exchange);
        return send(new UnlinkItems(primary, follower, Versions.expected(ifMatch)), primary, follower, false, metadata);
    }

    private Mono<ResponseEntity<LinkResponse>> send(Object command, ItemId primary, ItemId follower, boolean linked,
                                                    CommandMetadata metadata) {
        return commands.<LinkChanged>send(command, metadata, () -> ProblemException.notFound("id", "no item " + primary))
                .map(done -> answer(primary, follower, linked, done, metadata));
    }

    private static ResponseEntity<LinkResponse> answer(ItemId primary, ItemId follower, boolean linked, LinkChanged done,
                                                       CommandMetadata metadata) {
        long seconds = done.offsetSeconds();
        String offset = (seconds < 0 ? "-" : "") + ShortDurations.format(Duration.ofSeconds(Math.abs(seconds)));
        return Versions.ok(ConsistencyToken.item(primary.value(), done.primary().version()))
                .body(new LinkResponse(primary.value(), follower.value(), linked, offset, seconds, done.followerSlot().start(),
                        done.followerSlot().end(), done.changed(), done.primary().at().isAfter(done.follower().at())
                        ? done.primary().at() : done.follower().at(), metadata.actor(),
                        side(primary, done.primary()), side(follower, done.follower())));
    }

    private static LinkResponse.Side side(ItemId item, LinkChanged.Side side) {
        return new LinkResponse.Side(side.version(), side.eventId(), ConsistencyToken.item(item.value(), side.version()).encode());
    }
}
