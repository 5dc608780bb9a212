package dev.almanac.query.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.almanac.query.readmodel.DocumentStore.Replacement;

/**
 * Writes documents by compare-and-set on the revision each was read at: a document whose write lost to another writer
 * is read again and its change applied again, up to {@link #ATTEMPTS} times; then the write fails with an
 * {@link OptimisticLockingFailureException}, which the platform retries as an outage.
 */
public final class CompareAndSetWrites {

    public static final int ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(CompareAndSetWrites.class);

    private CompareAndSetWrites() {
    }

    /**
     * Writes each document's change, reading again and recomputing those whose compare-and-set lost; {@code refresh}
     * first re-reads whatever else the change depends on.
     *
     * @return each document's state as written
     */
    public static <S> Map<String, S> writeAll(DocumentStore<S> store, Map<String, Stored<S>> loaded,
                                       BiFunction<String, @Nullable S, S> change, Consumer<Set<String>> refresh) {
        Map<String, S> written = new LinkedHashMap<>();
        Map<String, Stored<S>> pending = loaded;
        for (int attempt = 1; ; attempt++) {
            List<Replacement<S>> replacements = new ArrayList<>();
            for (Stored<S> stored : pending.values()) {
                S after = change.apply(stored.id(), stored.state());
                written.put(stored.id(), after);
                replacements.add(new Replacement<>(stored, after));
            }
            Set<String> lost = store.write(replacements);
            if (lost.isEmpty()) {
                return written;
            }
            if (attempt == ATTEMPTS) {
                throw new OptimisticLockingFailureException("gave up writing " + lost.size() + " documents of " + store.name()
                        + " after " + ATTEMPTS + " lost compare-and-set rounds, for example " + lost.iterator().next());
            }
            log.debug("{} documents of {} lost their compare-and-set (attempt {}); reading them again", lost.size(), store.name(), attempt);
            pending = store.load(lost);
            refresh.accept(lost);
        }
    }
}
