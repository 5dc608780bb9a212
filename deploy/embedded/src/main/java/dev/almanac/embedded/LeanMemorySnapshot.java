package dev.almanac.embedded;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory store ({@link LeanMemoryBackend}) written to one file when it stops cleanly, and read back at the next
 * start (ADR 0100). The file is written only once the server has stopped taking commands, so it holds every write the
 * store acknowledged and nothing half-applied; it is written beside its final name and moved there once synced, so a
 * crash while writing leaves none. The next start takes it and deletes it before serving: a store that then dies
 * without stopping cleanly (kill -9, the machine) leaves no file, and comes back empty, as before.
 *
 * <p>Each file carries a stamp, the build of what wrote the documents (query-service's, for the read models): a file of
 * another stamp is deleted unread, since documents of another projection must be rebuilt, not trusted.
 */
public final class LeanMemorySnapshot {

    private static final Logger log = LoggerFactory.getLogger(LeanMemorySnapshot.class);
    private static final String MAGIC = "almanac-lean-memory-snapshot";
    /** The layout of the file; another is deleted unread, like another stamp. */
    private static final int FORMAT = 1;
    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final String stamp;

    public LeanMemorySnapshot(Path file, String stamp) {
        this.file = file.toAbsolutePath();
        this.stamp = stamp;
    }

    /** What {@link #take()} found. */
    public record Taken(LeanMemoryBackend backend, String outcome, long documents) {
    }

    /**
     * A backend holding what the file holds, if it is there, whole and of this stamp; else an empty one. Either way the
     * file is gone afterwards (and a half-written one beside it), so that only a clean stop after this start leaves one.
     */
    public Taken take() {
        long started = System.nanoTime();
        Path partial = partial();
        try {
            Files.deleteIfExists(partial);
            if (!Files.exists(file)) {
                return new Taken(writingAtClose(new LeanMemoryBackend()), "no snapshot (first start, or the last stop was not clean): empty", 0);
            }
            Read read = read();
            Files.delete(file);
            syncDirectory();
            if (read.databases == null) {
                return new Taken(writingAtClose(new LeanMemoryBackend()), read.outcome + ": deleted it, empty", 0);
            }
            long readAt = System.nanoTime();
            LeanMemoryBackend backend = writingAtClose(new LeanMemoryBackend(read.databases));
            return new Taken(backend, "resumed from the snapshot written " + read.writtenAt + " (" + read.documents + " documents in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms, " + (readAt - started) / 1_000_000 + " ms of it reading the file)",
                    read.documents);
        } catch (IOException | RuntimeException unreadable) {
            log.warn("The snapshot {} could not be read; starting empty", file, unreadable);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete the unreadable snapshot " + file + "; delete it by hand", e);
            }
            return new Taken(writingAtClose(new LeanMemoryBackend()), "the snapshot could not be read (" + unreadable + "): deleted it, empty", 0);
        }
    }

    /** The server closes its backend once its network has stopped and its last command has been answered. */
    private LeanMemoryBackend writingAtClose(LeanMemoryBackend backend) {
        backend.beforeClose(() -> write(backend));
        return backend;
    }

    private record Read(@Nullable Map<String, Map<String, List<byte[]>>> databases, String outcome, String writtenAt, long documents) {
    }

    private Read read() throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, BUFFER), new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            if (!MAGIC.equals(in.readUTF())) {
                return new Read(null, "the snapshot is not one", "", 0);
            }
            int format = in.readInt();
            String written = in.readUTF();
            if (format != FORMAT || !written.equals(stamp)) {
                return new Read(null, "the snapshot is of another build (stamp " + written + ", format " + format + "; this one "
                        + stamp + ", format " + FORMAT + ")", "", 0);
            }
            String writtenAt = in.readUTF();
            Map<String, Map<String, List<byte[]>>> databases = new LinkedHashMap<>();
            long documents = 0;
            for (int d = in.readInt(); d > 0; d--) {
                String database = in.readUTF();
                Map<String, List<byte[]>> collections = new LinkedHashMap<>();
                for (int c = in.readInt(); c > 0; c--) {
                    String collection = in.readUTF();
                    int count = in.readInt();
                    List<byte[]> stored = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        byte[] document = new byte[in.readInt()];
                        in.readFully(document);
                        stored.add(document);
                    }
                    documents += count;
                    collections.put(collection, stored);
                }
                databases.put(database, collections);
            }
            long computed = checked.getChecksum().getValue();
            if (in.readLong() != computed) {
                return new Read(null, "the snapshot's checksum does not match", "", 0);
            }
            return new Read(databases, "", writtenAt, documents);
        }
    }

    /**
     * Writes what {@code backend} holds, once its server takes no more commands: beside the file, synced, then moved
     * over it and the directory synced, so that the file is there whole or not at all.
     *
     * @return the documents written
     */
    public long write(LeanMemoryBackend backend) {
        long started = System.nanoTime();
        Path partial = partial();
        long documents = 0;
        try {
            Files.createDirectories(file.getParent());
            Map<String, Map<String, List<byte[]>>> contents = backend.contents();
            try (OutputStream raw = Files.newOutputStream(partial)) {
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, BUFFER), new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(stamp);
                out.writeUTF(Instant.now().toString());
                out.writeInt(contents.size());
                for (Map.Entry<String, Map<String, List<byte[]>>> database : contents.entrySet()) {
                    out.writeUTF(database.getKey());
                    out.writeInt(database.getValue().size());
                    for (Map.Entry<String, List<byte[]>> collection : database.getValue().entrySet()) {
                        out.writeUTF(collection.getKey());
                        out.writeInt(collection.getValue().size());
                        for (byte[] document : collection.getValue()) {
                            out.writeInt(document.length);
                            out.write(document);
                        }
                        documents += collection.getValue().size();
                    }
                }
                out.flush();
                out.writeLong(checked.getChecksum().getValue());
                out.flush();
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the snapshot " + file, e);
        }
        log.info("Wrote {} documents to the snapshot {} ({} MB) in {} ms", documents, file, fileMegabytes(),
                (System.nanoTime() - started) / 1_000_000);
        return documents;
    }

    private long fileMegabytes() {
        try {
            return Files.size(file) >> 20;
        } catch (IOException e) {
            return -1;
        }
    }

    private Path partial() {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /** Makes a move or delete in the directory durable; where the platform cannot open a directory, the OS's order stands. */
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException unsupported) {
            log.debug("Could not sync the directory {}", file.getParent(), unsupported);
        }
    }
}
