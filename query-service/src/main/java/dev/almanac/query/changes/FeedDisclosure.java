package dev.almanac.query.changes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.conflict.ConflictDisclosures;
import dev.almanac.query.conflict.ConflictView;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/**
 * A page of the feed as its caller is shown it (ADR 0096): the feed's states are the read models' documents, whole, and
 * {@link EntryDisclosure} decides, as for every other read, which entries and rules the caller sees as busy blocks; a
 * conflict's entries are shown as the conflict reads show them ({@link ConflictDisclosures}). The roles are read exactly for
 * the calendars the page names.
 */
final class FeedDisclosure {

    /** What a busy block keeps of an entry's document: when and where it is, nothing of what. */
    private static final List<String> ENTRY_BUSY_FIELDS = List.of("kind", "calendar_id", "start", "end", "timezone", "status");
    /** What a busy block keeps of a rule's document: its schedule and state, nothing of what it runs or who wrote it. */
    private static final List<String> RULE_BUSY_FIELDS = List.of("cron", "cron_dialect", "rrule", "timezone", "calendar_id",
            "duration_seconds", "active_from", "dst_policy", "status", "created_at", "paused_at", "resume_after", "cancelled", "moved",
            "ends_at");

    private static final DocumentCodec<ConflictView> CONFLICTS = Conflicts.KIND.codec();

    private final CalendarReaders readers;
    private final ConflictDisclosures conflicts;

    FeedDisclosure(CalendarReaders readers, ConflictDisclosures conflicts) {
        this.readers = readers;
        this.conflicts = conflicts;
    }

    Mono<ChangePage> shown(FeedPage page, ServerWebExchange exchange) {
        List<ConflictView> conflictViews = new ArrayList<>();
        Set<String> calendarIds = new LinkedHashSet<>();
        for (FeedChange change : page.changes()) {
            calendarIds.add(change.calendarId());
            if (change.state() != null && "conflict".equals(change.kind())) {
                ConflictView conflict = conflictOf(change);
                conflictViews.add(conflict);
                calendarIds.addAll(conflict.calendars());
            }
        }
        return readers.disclosure(exchange, calendarIds).flatMap(disclosure -> conflicts.shownTo(disclosure, conflictViews)
                .map(conflictShown -> new ChangePage(page.changes().stream()
                        .map(change -> ChangeView.of(shown(change, disclosure, conflictShown))).toList(),
                        page.fullSync(), page.nextPageToken(), page.syncToken())));
    }

    private static FeedChange shown(FeedChange change, EntryDisclosure disclosure, UnaryOperator<ConflictView> conflictShown) {
        Document state = change.state();
        if (state == null || disclosure.isInFull()) {
            return change;
        }
        return switch (change.kind()) {
            case "item", "occurrence" -> {
                EntryKind kind = "item".equals(change.kind()) ? EntryKind.ITEM : EntryKind.OCCURRENCE;
                BusyBlock why = disclosure.busyBlock(change.calendarId(), kind, state.getBoolean("private", false),
                        state.getString("owner"), state.getString("rule_id"));
                yield why == null ? change : change.withState(busyBlock(state, ENTRY_BUSY_FIELDS, why)
                        .append("title", "").append("type", ""));
            }
            case "rule" -> {
                Document metadata = state.get("metadata", Document.class);
                BusyBlock why = disclosure.busyBlockOfRule(change.calendarId(), metadata != null && metadata.getBoolean("private", false),
                        state.getString("created_by"));
                yield why == null ? change : change.withState(busyBlock(state, RULE_BUSY_FIELDS, why).append("name", "")
                        .append("job_template", new Document("type", "")).append("created_by", ""));
            }
            case "conflict" -> {
                ConflictView conflict = conflictOf(change);
                ConflictView seen = conflictShown.apply(conflict);
                yield seen == conflict ? change : change.withState(stateOf(seen));
            }
            default -> change;
        };
    }

    private static Document busyBlock(Document state, List<String> kept, BusyBlock why) {
        Document shown = new Document();
        for (String field : kept) {
            if (state.containsKey(field)) {
                shown.append(field, state.get(field));
            }
        }
        return shown.append("busy", why.name().toLowerCase(Locale.ROOT));
    }

    /** The conflict a change's state holds, read as the conflicts' own codec reads its document. */
    private static ConflictView conflictOf(FeedChange change) {
        return CONFLICTS.decode(new Document(change.state()).append("_id", change.id()).append(Versioned.FIELD, change.version()));
    }

    private static Document stateOf(ConflictView conflict) {
        Document state = CONFLICTS.encode(conflict);
        state.remove("_id");
        state.remove(Versioned.FIELD);
        return state;
    }
}
