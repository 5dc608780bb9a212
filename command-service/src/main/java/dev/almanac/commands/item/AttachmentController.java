package dev.almanac.commands.item;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.web.CommandDispatcher;
import dev.almanac.commands.web.NewIds;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Versions;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

/** References to files attached to an item (DEP-ATTACH). Almanac keeps the references, never the files. */
@RestController
@RequestMapping("/api/v1/schedules/{id}/attachments")
@Tag(name = "schedules", description = "One-off items on calendars")
class AttachmentController {

    private final CommandDispatcher commands;

    AttachmentController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Attach a file reference to an item",
            description = "Records a reference to a file kept elsewhere: name, media_type (RFC 6838, no parameters), size_bytes "
                    + "(0 to 5 TiB) and exactly one of url (an absolute https URL without credentials, rule https_url) and "
                    + "storage_key (rule one_of). Almanac never stores the file. An item has at most " + ItemAttachments.MAX_ATTACHMENTS
                    + " attachments (409, rule max_attachments); only its owner, with the scheduler role, or a manager of its "
                    + "calendar attaches (403, rule owner; ADR 0090); a cancelled item takes none (409, rule cancelled). With an "
                    + "id of its own the request is idempotent: the same attachment again answers 200 and changes nothing, "
                    + "another one under the id is refused (409, rule unique). 201 for a new attachment. If-Match: "
                    + "\"<version>\" of the item turns a lost update into 412.")
    Mono<ResponseEntity<AttachmentResponse>> add(
            @PathVariable String id,
            @Valid @RequestBody AttachmentRequest request,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        AddAttachment command = request.toCommand(itemId, () -> AttachmentId.of(NewIds.of(exchange)), Versions.expected(ifMatch));
        return send(itemId, command, commands.metadataOf(exchange))
                .map(done -> ResponseEntity.status(done.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                        .headers(Versions.written(ConsistencyToken.item(itemId.value(), done.version())))
                        .body(new AttachmentResponse(itemId.value(), command.attachmentId().value(), command.name(),
                                command.mediaType(), command.sizeBytes(), command.url(), command.storageKey(),
                                done.attachmentCount(), done.version(), done.eventId())));
    }

    @DeleteMapping("/{attachmentId}")
    @Operation(summary = "Remove a file reference from an item",
            description = "Removes the attachment's reference; the file itself is the client's to delete. 404 (rule exists) when "
                    + "the item has no such attachment; a cancelled item keeps its attachments (409, rule cancelled). Only the "
                    + "item's owner, with the scheduler role, or a manager of its calendar removes one (403, rule owner; ADR 0090). "
                    + "If-Match: \"<version>\" of the item turns a lost update into 412.")
    Mono<ResponseEntity<AttachmentResponse>> remove(
            @PathVariable String id,
            @PathVariable String attachmentId,
            @Nullable @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerWebExchange exchange) {
        ItemId itemId = PathIds.parse("id", id, ItemId::of);
        AttachmentId attachment = PathIds.parse("attachmentId", attachmentId, AttachmentId::of);
        CommandMetadata metadata = commands.metadataOf(exchange);
        return send(itemId, new RemoveAttachment(itemId, attachment, Versions.expected(ifMatch)), metadata)
                .map(done -> Versions.ok(ConsistencyToken.item(itemId.value(), done.version()))
                        .body(new AttachmentResponse(itemId.value(), attachment.value(), null, null, null, null, null,
                                done.attachmentCount(), done.version(), done.eventId())));
    }

    private Mono<AttachmentChanged> send(ItemId itemId, Object command, CommandMetadata metadata) {
        return commands.send(command, metadata, () -> ProblemException.notFound("id", "no item " + itemId));
    }
}
