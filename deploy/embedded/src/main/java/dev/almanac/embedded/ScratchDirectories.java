package dev.almanac.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the temporary directory a test JVM ran its embedded components in. After a benchmark
 * it holds gigabytes of Kafka log and PostgreSQL data; left behind by every test JVM, they filled
 * the disk of a machine that ran the suite and the benchmarks for a day. Written here because
 * nothing on this module's class path offers a recursive delete as public API: commons-io is not
 * on it, and Kafka's {@code Utils.delete} is internal to the client.
 */
public final class ScratchDirectories {

    private static final Logger log = LoggerFactory.getLogger(ScratchDirectories.class);

    private ScratchDirectories() {
    }

    /** Deletes {@code directory} and everything in it; what cannot be deleted is logged and left. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not list {} to delete it: {}", directory, e.toString());
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", path, e.toString());
            }
        }
    }
}
