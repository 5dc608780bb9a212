package dev.almanac.query.bench;

import static dev.almanac.query.bench.WindowBenchmarkTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.NettyTransportSettings;
import com.mongodb.connection.TransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Flux;

import dev.almanac.embedded.ProcessCpu;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;

/**
 * The projection's cost on each of the MongoDB driver's transports, in one run (ADR 0041): Netty, as
 * Spring Boot configures it whenever Netty is on the class path and as the services run; Netty with
 * heap buffers; and the driver's own asynchronous sockets. Each round loads the same entries through the
 * real projection into a fresh mongo-java-server in a JVM of its own, alternating the transports after
 * a round of each to warm up; it reports events/s and the CPU an event took in this JVM (the loader,
 * the projection and the driver) and in the store. {@code almanac.bench.batch} sets the events a batch (500, as the window
 * benchmark loads them).
 *
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=MongoTransportBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.entries=200000 -Dalmanac.bench.rounds=3 [-Dalmanac.bench.batch=500] -DargLine=-Xmx2g
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class MongoTransportBenchmarkTest {

    private enum Transport { NETTY_AS_BOOT_CONFIGURES, NETTY_ON_HEAP_BUFFERS, DRIVERS_OWN }

    private record Round(Transport transport, double eventsPerSecond, double clientMicros, double storeMicros, Map<String, Long> documents) {}

    @Test
    void projectTheSameEntriesOnEachTransport() {
        int entries = Integer.getInteger("almanac.bench.entries", 200_000);
        int rounds = Integer.getInteger("almanac.bench.rounds", 3);
        int batch = Integer.getInteger("almanac.bench.batch", 500);
        report("%,d entries in batches of %d; a round of each transport to warm up, then %d of each, alternating", entries, batch, rounds);
        for (Transport transport : Transport.values()) {
            load(transport, entries, batch);
        }
        List<Round> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Transport transport : Transport.values()) {
                measured.add(load(transport, entries, batch));
            }
        }
        Map<Transport, double[]> means = new TreeMap<>();
        for (Round round : measured) {
            double[] sums = means.computeIfAbsent(round.transport(), key -> new double[4]);
            sums[0] += round.eventsPerSecond();
            sums[1] += round.clientMicros();
            sums[2] += round.storeMicros();
            sums[3]++;
        }
        means.forEach((transport, sums) -> report("TRANSPORT %s, mean of %d: %,.0f events/s, CPU %.1f µs an event in the projection's JVM, %.1f µs in the store's",
                transport, (int) sums[3], sums[0] / sums[3], sums[1] / sums[3], sums[2] / sums[3]));
        double[] netty = means.get(Transport.NETTY_AS_BOOT_CONFIGURES);
        for (Transport other : List.of(Transport.NETTY_ON_HEAP_BUFFERS, Transport.DRIVERS_OWN)) {
            double[] own = means.get(other);
            report("RATIO %s to Netty as Boot configures it: events/s %.2f, CPU in the projection's JVM %.2f, in the store's %.2f",
                    other, own[0] / netty[0], own[1] / netty[1], own[2] / netty[2]);
        }
        // Every transport must have stored the same read models.
        assertThat(measured).extracting(Round::documents).containsOnly(measured.get(0).documents());
        assertThat(measured.get(0).documents().values()).anySatisfy(count -> assertThat(count).isPositive());
    }

    private static Round load(Transport transport, int entries, int batch) {
        try (BenchmarkStore store = BenchmarkStore.start(WindowBenchmarkTest.storeHeap(entries));
                MongoConnection connection = client(transport, store.connectionString())) {
            MongoDatabase database = connection.mongo().getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            long clientBefore = ProcessCpu.nanos();
            long bothBefore = store.cpuNanosWithThisJvm();
            long started = System.nanoTime();
            long events = WindowBenchmarkTest.load(new Projections(database, Duration.ofMinutes(2)), entries, store::cpuNanosWithThisJvm, batch);
            double seconds = (System.nanoTime() - started) / 1e9;
            long client = ProcessCpu.nanos() - clientBefore;
            long storeCpu = store.cpuNanosWithThisJvm() - bothBefore - client;
            Map<String, Long> stored = new TreeMap<>();
            Mongo.READ_MODELS.forEach(name -> stored.put(name, Flux.from(database.getCollection(name).countDocuments()).blockLast()));
            Round round = new Round(transport, events / seconds, client / 1e3 / events, storeCpu / 1e3 / events, stored);
            report("ROUND %s: %,d events in %.1f s, %,.0f events/s, CPU %.1f µs an event in the projection's JVM, %.1f µs in the store's",
                    transport, events, seconds, round.eventsPerSecond(), round.clientMicros(), round.storeMicros());
            return round;
        }
    }

    /** A client and what it started beside it. */
    private record MongoConnection(MongoClient mongo, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() {
            mongo.close();
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static MongoConnection client(Transport transport, String connectionString) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(connectionString));
        if (transport == Transport.DRIVERS_OWN) {
            // Asynchronous socket channels on the JDK's default group; the driver closes the transport with the client.
            settings.transportSettings(TransportSettings.asyncBuilder().build());
            return new MongoConnection(MongoClients.create(settings.build()), () -> { });
        }
        // What Spring Boot's MongoReactiveAutoConfiguration does when Netty is on the class path; the alternative
        // of ADR 0041 gives the driver heap buffers, which have arrays.
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        NettyTransportSettings.Builder netty = TransportSettings.nettyBuilder().eventLoopGroup(loops);
        if (transport == Transport.NETTY_ON_HEAP_BUFFERS) {
            netty.allocator(new PooledByteBufAllocator(false));
        }
        settings.transportSettings(netty.build());
        return new MongoConnection(MongoClients.create(settings.build()), () -> loops.shutdownGracefully().awaitUninterruptibly());
    }
}
