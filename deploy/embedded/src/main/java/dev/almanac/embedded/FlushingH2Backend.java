package dev.almanac.embedded;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's file-backed backend, answering a write only once it is in the file and
 * flushed to disk (ADR 0066). The plain backend leaves writes in memory until H2
 * MVStore's background commit, about a second later, so a crash in between lost writes that had
 * been acknowledged, and rule-expander had already moved its Kafka offsets past them.
 *
 * <ul>
 *   <li>The store has no background writer. It would store changes on threads of its own and return
 *   before they are written. Here only {@link #flush} stores, and it syncs the file before the
 *   command that called it replies.</li>
 *   <li>Any command that leaves unsaved changes flushes, whatever its name, also after it failed (an
 *   unordered bulk write keeps the writes before its error). One that finds none while a flush is under
 *   way waits for it: that flush may have taken its change.</li>
 *   <li>Flushes go one at a time, and a writer that waited finds its change already stored by the
 *   one before, and neither stores nor syncs again. So a chunk is overwritten only after the chunk
 *   that replaced it is on disk, which makes a retention time of zero safe: freed space is reused at
 *   once.</li>
 * </ul>
 */
final class FlushingH2Backend extends H2Backend {

    /**
     * The background writer also rewrote sparse chunks. Without that the file grew with every
     * write (265 MB after 80,000, against the plain backend's 48 MB); compacting at every
     * thousandth flush kept it at 60 MB.
     */
    private static final int COMPACT_EVERY = 1000;
    private static final int TARGET_FILL_RATE = 90;
    private static final int COMPACT_BYTES = 16 << 20;

    private final ReentrantLock flushing = new ReentrantLock();
    private long flushes;

    FlushingH2Backend(Path file) {
        super(store(file));
    }

    private static MVStore store(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(0);
        return store;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // With nothing unsaved, a flush under way may have taken this command's change: wait for it.
            if (getMvStore().hasUnsavedChanges() || flushing.isLocked()) {
                flush();
            }
        }
    }

    /** Stores and syncs what is unsaved; nothing when the flush before, which synced, took it all. */
    private void flush() {
        flushing.lock();
        try {
            if (!getMvStore().hasUnsavedChanges()) {
                return;
            }
            if (++flushes % COMPACT_EVERY == 0) {
                getMvStore().compact(TARGET_FILL_RATE, COMPACT_BYTES);
            }
            commit();
            getMvStore().sync();
        } finally {
            flushing.unlock();
        }
    }
}
