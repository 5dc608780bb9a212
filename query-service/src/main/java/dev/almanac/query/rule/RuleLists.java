package dev.almanac.query.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.action.Action;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code rule_lists} read model ({@link RuleList}) and the rules list it serves: the scope
 * documents of the filters are read by {@code _id}, the rules matching all of them are picked in
 * id order, and the page's rules are read from {@link Rules} by {@code _id}. Nothing scans.
 */
@Component
public class RuleLists implements ReadModel {

    public static final String COLLECTION = "rule_lists";

    private static final RuleListCodec CODEC = new RuleListCodec();

    private final MongoCollection<Document> collection;
    private final Rules rules;

    public RuleLists(MongoDatabase database, Rules rules) {
        this.collection = database.getCollection(COLLECTION);
        this.rules = rules;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /**
     * One page of the rules that match {@code filter} on calendars {@code visibility} shows, as they stand at
     * {@code now}. The queue lists of the hidden calendars of the caller's tenant are read with the filter's, by
     * {@code _id}, and their rules left out before paging, so a page is full unless it is the last and {@code total} counts
     * only rules shown. A filter by owner or creator matches a private rule only for a caller who sees it whole (ADR 0096):
     * to anyone else it is a busy block, which names neither. Each rule's actions are those {@code roles} allow.
     */
    public Mono<RuleListView> page(Filter filter, CalendarVisibility visibility, CallerRoles roles, Instant now) {
        List<String> scopes = filter.scopes();
        // Another tenant's rules are left out by their ids, as a rule lives only on its own tenant's calendars (ADR 0102):
        // their queues' lists, however many tenants there are, need not be read to be taken away.
        List<String> hiddenQueues = visibility.hidden().stream().filter(visibility::knows).map(RuleList::queue).toList();
        Set<String> read = new LinkedHashSet<>(scopes);
        read.addAll(hiddenQueues);
        return KeyLookups.byIds(collection, read, null).map(CODEC::decode)
                .collectMap(RuleList::scope)
                .flatMap(lists -> {
                    Set<String> hidden = listedIn(hiddenQueues, lists);
                    EntryDisclosure disclosure = EntryDisclosure.of(roles);
                    Predicate<RuleList.Listed> matchable = filter.namesPeople()
                            ? listed -> listed.keptPrivate() == null
                                    || disclosure.busyBlockOfRule(listed.keptPrivate().queue(), true, listed.keptPrivate().creator()) == null
                            : listed -> true;
                    List<String> matching = matching(scopes, lists, filter.status(), matchable, now).stream()
                            .filter(id -> !hidden.contains(id) && visibility.knows(id))
                            .toList();
                    List<String> following = matching.stream()
                            .filter(id -> filter.after() == null || id.compareTo(filter.after().afterId()) > 0)
                            .limit(filter.limit() + 1L)
                            .toList();
                    List<String> onPage = following.subList(0, Math.min(filter.limit(), following.size()));
                    String nextCursor = following.size() > onPage.size() ? new RuleCursor(onPage.get(onPage.size() - 1)).encode() : null;
                    return rules.find(onPage).filter(Rule::isDefined)
                            // A rule moved to a hidden queue whose list has not caught up yet.
                            .filter(rule -> rule.calendarId() == null || visibility.shows(rule.calendarId()))
                            .collectMap(Rule::id, Function.identity())
                            .map(found -> {
                                List<Rule> shown = onPage.stream().map(found::get).filter(Objects::nonNull).toList();
                                Map<String, List<Action>> actions = new LinkedHashMap<>();
                                shown.forEach(rule -> actions.put(rule.id(),
                                        RuleActions.of(rule, now, roles.changesRule(rule.calendarId(), rule.createdBy()))));
                                return new RuleListView(shown.stream().map(rule -> RuleView.of(rule, now, disclosure)).toList(), matching.size(),
                                        nextCursor, actions);
                            });
                });
    }

    /** The ids of the rules listed in any of {@code scopes}. */
    private static Set<String> listedIn(List<String> scopes, Map<String, RuleList> lists) {
        Set<String> listed = new HashSet<>();
        for (String scope : scopes) {
            RuleList list = lists.get(scope);
            if (list != null) {
                list.rules().forEach((ruleId, entry) -> {
                    if (entry.isListed()) {
                        listed.add(ruleId);
                    }
                });
            }
        }
        return listed;
    }

    /**
     * The ids listed in every scope, whose status at {@code now} is {@code status} when given and whose newest listing is
     * {@code matchable}, in id order.
     */
    private static List<String> matching(List<String> scopes, Map<String, RuleList> lists, @Nullable String status,
                                         Predicate<RuleList.Listed> matchable, Instant now) {
        List<RuleList> read = new ArrayList<>();
        for (String scope : scopes) {
            RuleList list = lists.get(scope);
            if (list == null) {
                return List.of();
            }
            read.add(list);
        }
        read.sort(Comparator.comparingInt(list -> list.rules().size()));
        List<String> matching = new ArrayList<>();
        for (Map.Entry<String, RuleList.Listed> candidate : read.get(0).rules().entrySet()) {
            RuleList.Listed newest = newest(candidate.getKey(), read);
            if (newest != null && (status == null || newest.statusAt(now).equals(status)) && matchable.test(newest)) {
                matching.add(candidate.getKey());
            }
        }
        return matching;
    }

    /** The rule's newest entry over the scopes, or null unless it is listed in all of them. */
    private static RuleList.@Nullable Listed newest(String ruleId, List<RuleList> lists) {
        RuleList.Listed newest = null;
        for (RuleList list : lists) {
            RuleList.Listed listed = list.rules().get(ruleId);
            if (listed == null || !listed.isListed()) {
                return null;
            }
            if (newest == null || listed.version() > newest.version()) {
                newest = listed;
            }
        }
        return newest;
    }

    /**
     * What a list asks for: rules on {@code queue}, of {@code owner} ({@code metadata.owner}) and
     * created by {@code createdBy}, each when given, in {@code status} at the time of the read when
     * given, after {@code after} in id order, at most {@code limit}.
     */
    public record Filter(@Nullable String queue, @Nullable String owner, @Nullable String createdBy, @Nullable String status,
                         @Nullable RuleCursor after, int limit) {

        /** Whether the list is filtered by a person's name, which a private rule's busy block does not show. */
        boolean namesPeople() {
            return owner != null || createdBy != null;
        }

        List<String> scopes() {
            List<String> scopes = new ArrayList<>();
            if (queue != null) {
                scopes.add(RuleList.queue(queue));
            }
            if (owner != null) {
                scopes.add(RuleList.owner(owner));
            }
            if (createdBy != null) {
                scopes.add(RuleList.creator(createdBy));
            }
            return scopes.isEmpty() ? List.of(RuleList.ALL) : scopes;
        }
    }
}
