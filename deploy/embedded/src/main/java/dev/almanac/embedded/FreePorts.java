package dev.almanac.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free ports for servers started together: each one found is held open until {@link #close}, so no two of them are
 * handed the same port. Found and let go one at a time, two could be: PostgreSQL once took the port Kafka's controller
 * had just been given, and the broker failed to bind it. Every port of servers started together is therefore found
 * through one instance.
 */
public final class FreePorts implements AutoCloseable {

    private final List<ServerSocket> held = new ArrayList<>();

    /** A free port for a server started alone. */
    public static int any() {
        try (FreePorts free = new FreePorts()) {
            return free.orFree(0);
        }
    }

    /**
     * {@code port} itself, held like the free ones, or for 0 a free port, distinct from every other this instance gave.
     *
     * @throws PortTakenException when {@code port} is already bound: found now, before any server starts, and not by a
     * server that fails half-way through the start, or by a readiness check answered by whatever holds the port
     */
    public int orFree(int port) {
        try {
            ServerSocket socket = new ServerSocket(port);
            held.add(socket);
            return socket.getLocalPort();
        } catch (BindException taken) {
            throw new PortTakenException(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port given to a server is bound by another process. */
    public static final class PortTakenException extends IllegalStateException {

        PortTakenException(int port) {
            super("port " + port + " is taken: another process listens on it, perhaps an Almanac still running from an"
                    + " earlier start (`ss -ltnp 'sport = :" + port + "'` names it). Stop it, then start again.");
        }
    }

    /** Lets the ports go, for their servers to bind. */
    @Override
    public void close() {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        held.clear();
    }
}
