package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One stack to a home: a lock on {@code almanac.lock} in it, held from the start of a stack to its end. The system
 * releases it when the launcher dies, however it dies, so a stack that holds it knows that anything an earlier start
 * left running on the home (its PostgreSQL) belongs to no live stack and may be stopped. It must stay referenced while
 * held: a lock collected is closed by its channel's cleaner, and let go (the stack keeps it in a field).
 */
final class HomeLock implements AutoCloseable {

    static final String FILE = "almanac.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws InUseException when another stack holds the home */
    static HomeLock acquire(Path home) {
        try {
            Files.createDirectories(home);
            Path file = home.resolve(FILE);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InUseException(home, Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + home.resolve(FILE), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another stack runs on the home. */
    static final class InUseException extends IllegalStateException {

        InUseException(Path home, String holder) {
            super("another Almanac" + (holder.isEmpty() ? "" : " (pid " + holder + ")") + " is running on " + home
                    + "; stop it first, or give this one another home (ALMANAC_HOME)");
        }
    }
}
