package dev.almanac.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

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

/**
 * The dispatcher as a process of its own against a real broker: rules that fire every two seconds, a {@code kill -9}
 * of the dispatcher, a clean restart, and a restart of the broker. A {@code read_committed} consumer must then have
 * read every occurrence that fell due exactly once (or, had the dispatcher been away longer than the misfire
 * threshold, inside a misfire it published), and none before it was due.
 */
class DispatcherExactlyOnceIT {

    private static final Logger log = LoggerFactory.getLogger(DispatcherExactlyOnceIT.class);
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    /** How long the dispatcher works after each start, in dispatches due: three rounds of every rule at least. */
    private static final Duration AT_WORK = Duration.ofSeconds(6);
    /** Only the dispatch topology is under test: the notifier and deliverer would only slow each start. */
    private static final String[] DISPATCH_ONLY = {"--almanac.notify.enabled=false", "--almanac.deliver.enabled=false"};

    @TempDir
    Path directory;

    @Test
    void everyDueOccurrenceIsDispatchedOnceAndNeverEarlyThroughAKillARestartAndABrokerRestart() throws Exception {
        int kafkaPort;
        int controllerPort;
        int httpPort;
        try (FreePorts free = new FreePorts()) {
            kafkaPort = free.orFree(0);
            controllerPort = free.orFree(0);
            httpPort = free.orFree(0);
        }
        Path kafkaDirectory = directory.resolve("kafka");
        Path state = directory.resolve("state");
        Path dispatcherLog = directory.resolve("dispatcher.log");
        KafkaBroker broker = KafkaBroker.start(kafkaDirectory, kafkaPort, controllerPort);
        String bootstrap = broker.bootstrapServers();
        TestTopics.createAll(bootstrap, 3);

        DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
        DispatchLog dispatched = new DispatchLog(bootstrap);
        DueEveryTwoSeconds rules = new DueEveryTwoSeconds().publish(bootstrap);
        try {
            rules.awaitDispatchFor(dispatched, AT_WORK, START_PATIENCE);

            log.info("kill -9 of the dispatcher");
            dispatcher.kill();
            dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
            rules.awaitDispatchFor(dispatched, AT_WORK, START_PATIENCE);

            log.info("clean restart of the dispatcher");
            dispatcher.stop();
            dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
            rules.awaitDispatchFor(dispatched, AT_WORK, START_PATIENCE);

            log.info("restart of the broker");
            broker.close();
            broker = KafkaBroker.start(kafkaDirectory, kafkaPort, controllerPort);
            rules.awaitDispatchFor(dispatched, AT_WORK.plusSeconds(2), START_PATIENCE);
        } finally {
            dispatcher.stop();
            dispatched.close();
            broker.close();
        }

        log.info(rules.assertEachDueOnceAndNeverEarly(dispatched));
        // Every rule fires every 2 s: at least the rounds of the four spells at work, whatever the restarts took.
        assertThat(dispatched.dispatched().size()).as("dispatches over the run")
                .isGreaterThan(DueEveryTwoSeconds.RULES * 4 * (int) AT_WORK.toSeconds() / 2);
    }
}
