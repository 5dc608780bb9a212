package dev.almanac.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.testing.DispatchLog;
import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.DueEveryTwoSeconds;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.Topics;
import dev.almanac.platform.testing.GroupMembers;

/**
 * Two dispatchers, each a process of its own, share the dispatch application's group (issue 74, part 2): its tasks are
 * spread between them; a {@code kill -9} of one hands its tasks, with their state from its standby, to the other; and a
 * {@code read_committed} consumer has read every occurrence that fell due exactly once (or inside a misfire), none early.
 */
class DispatcherReplicasIT {

    private static final Logger log = LoggerFactory.getLogger(DispatcherReplicasIT.class);
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Duration AT_WORK = Duration.ofSeconds(6);
    private static final int PARTITIONS = 6;
    /** The broker's shortest session, as the other replica tests use: the test waits out seconds of it rather than 45. */
    private static final Duration SESSION = Duration.ofSeconds(6);
    /** The application id, and so the group, of the dispatch topology (application.yml). */
    private static final String GROUP = "dispatcher";

    @TempDir
    Path directory;

    @Test
    void twoDispatchersShareTheTasksAndTheSurvivorOfAKillDispatchesEveryDueOccurrenceOnce() throws Exception {
        int kafkaPort;
        int controllerPort;
        int firstPort;
        int secondPort;
        try (FreePorts free = new FreePorts()) {
            kafkaPort = free.orFree(0);
            controllerPort = free.orFree(0);
            firstPort = free.orFree(0);
            secondPort = free.orFree(0);
        }
        KafkaBroker broker = KafkaBroker.start(directory.resolve("kafka"), kafkaPort, controllerPort);
        String bootstrap = broker.bootstrapServers();
        TestTopics.createAll(bootstrap, PARTITIONS);
        DispatcherJvm survivor = DispatcherJvm.start(bootstrap, directory.resolve("state-survivor"), firstPort,
                directory.resolve("survivor.log"), arguments("survivor")).awaitReady(START_PATIENCE);
        DispatcherJvm victim = DispatcherJvm.start(bootstrap, directory.resolve("state-victim"), secondPort,
                directory.resolve("victim.log"), arguments("victim")).awaitReady(START_PATIENCE);
        DispatchLog dispatched = new DispatchLog(bootstrap);
        DueEveryTwoSeconds rules = new DueEveryTwoSeconds().publish(bootstrap);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, Set<TopicPartition>> shared = await().atMost(START_PATIENCE).ignoreExceptions()
                    .until(() -> GroupMembers.holding(admin, GROUP, Topics.RUNS), holding -> processes(holding).size() == 2
                            && GroupMembers.partitions(holding) == PARTITIONS);
            log.info("The two dispatchers hold {}", shared);
            rules.awaitDispatchFor(dispatched, AT_WORK, START_PATIENCE);

            log.info("kill -9 of the victim");
            long killedAt = System.nanoTime();
            victim.kill();
            Map<String, Set<TopicPartition>> alone = await().atMost(START_PATIENCE).ignoreExceptions()
                    .until(() -> GroupMembers.holding(admin, GROUP, Topics.RUNS), holding -> processes(holding).equals(Set.of("survivor"))
                            && GroupMembers.partitions(holding) == PARTITIONS);
            log.info("The survivor held all {} partitions {} ms after the kill (session {} s)", GroupMembers.partitions(alone),
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), SESSION.toSeconds());
            rules.awaitDispatchFor(dispatched, AT_WORK, START_PATIENCE);
        } finally {
            victim.stop();
            survivor.stop();
            dispatched.close();
            broker.close();
        }

        log.info(rules.assertEachDueOnceAndNeverEarly(dispatched));
        assertThat(dispatched.dispatched().size()).as("dispatches over the run")
                .isGreaterThan(DueEveryTwoSeconds.RULES * 2 * (int) AT_WORK.toSeconds() / 2);
    }

    /** The processes that hold partitions: Kafka Streams gives each stream thread the instance id and its number. */
    private static Set<String> processes(Map<String, Set<TopicPartition>> holding) {
        return holding.keySet().stream().map(member -> member.replaceFirst("-\\d+$", "")).collect(Collectors.toSet());
    }

    /** Only the dispatch topology, as a static member with a standby of each task and a short session. */
    private static String[] arguments(String instance) {
        return new String[] {"--almanac.notify.enabled=false", "--almanac.deliver.enabled=false",
                "--ALMANAC_INSTANCE_ID=" + instance, "--ALMANAC_STANDBY_REPLICAS=1",
                "--spring.kafka.streams.properties.main.consumer.session.timeout.ms=" + SESSION.toMillis(),
                "--spring.kafka.streams.properties.main.consumer.heartbeat.interval.ms=1500"};
    }
}
