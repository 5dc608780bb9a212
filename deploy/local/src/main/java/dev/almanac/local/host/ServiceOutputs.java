package dev.almanac.local.host;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's standard output and error, shared by every hosted service, written to each service's own log file as a
 * process of its own writes its output to its file. A write goes to the service whose class loader the writing thread
 * works for: its context class loader (which a service's threads inherit from its main thread), else the nearest frame
 * of a service's class on its stack; anything else is the host's own, to the host's output.
 */
final class ServiceOutputs {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Map<ClassLoader, OutputStream> byLoader = new ConcurrentHashMap<>();
    private final OutputStream host;

    ServiceOutputs(OutputStream host) {
        this.host = host;
    }

    /** Routes System.out and System.err through a new instance, the host's own output going where System.out went. */
    static ServiceOutputs install() {
        ServiceOutputs outputs = new ServiceOutputs(new PassThrough(System.out));
        PrintStream routed = new PrintStream(outputs.routing(), true, StandardCharsets.UTF_8);
        System.setOut(routed);
        System.setErr(routed);
        return outputs;
    }

    /** From now on, what {@code loader}'s service (and class loaders below it) writes is appended to {@code log}. */
    void register(ClassLoader loader, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            byLoader.put(loader, new FileOutputStream(log.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + log, e);
        }
    }

    /** The host's own output: where System.out went before {@link #install()}. */
    OutputStream hostOutput() {
        return host;
    }

    OutputStream routing() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                current().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                current().write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                current().flush();
            }
        };
    }

    /** Where the calling thread's output goes. */
    OutputStream current() {
        OutputStream owner = ownerOf(Thread.currentThread().getContextClassLoader());
        if (owner != null) {
            return owner;
        }
        // A thread of a pool the JDK shares (the common fork-join pool, an HTTP client's) runs a service's code.
        Optional<OutputStream> caller = STACK.walk(frames -> frames.map(frame -> ownerOf(frame.getDeclaringClass().getClassLoader()))
                .filter(Objects::nonNull).findFirst());
        return caller.orElse(host);
    }

    private @Nullable OutputStream ownerOf(@Nullable ClassLoader loader) {
        for (ClassLoader candidate = loader; candidate != null; candidate = candidate.getParent()) {
            OutputStream stream = byLoader.get(candidate);
            if (stream != null) {
                return stream;
            }
        }
        return null;
    }

    /** Another stream's bytes, passed through as they are: the host's own output. */
    private static final class PassThrough extends OutputStream {

        private final PrintStream target;

        PassThrough(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
