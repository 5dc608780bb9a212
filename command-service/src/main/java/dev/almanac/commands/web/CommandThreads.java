package dev.almanac.commands.web;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads that run commands: a fixed number, fewer than PostgreSQL's pooled connections, behind one queue. A
 * command then never waits for a connection. On Reactor's {@code boundedElastic}, up to 20 threads shared 10
 * connections, and handing connections from thread to thread took 3–4 % of this service's CPU at 400 commands/s
 * (ADR 0065). A command that finds the queue full is refused at once with 503
 * ({@link CommandDispatcher}), where before it waited up to 30 s for a connection and then failed.
 */
@Configuration(proxyBeanMethods = false)
class CommandThreads {

    private static final Logger log = LoggerFactory.getLogger(CommandThreads.class);

    /** The executor's metrics ({@code executor_*{name="commands"}}): its queue, its active threads, its completions. */
    static final String METRICS_NAME = "commands";

    /**
     * What a command refused on a full queue is told to wait ({@code Retry-After}): the default queue of 1,000 drains in
     * one to three seconds at the 400–1,450 commands/s measured (ADR 0065).
     */
    static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(2);

    /** The pool's size is read from the pool itself, however it was configured. */
    @Bean(destroyMethod = "dispose")
    Scheduler commandScheduler(@Value("${almanac.commands.threads:8}") int threads,
                               @Value("${almanac.commands.queue-capacity:1000}") int queueCapacity,
                               DataSource dataSource, MeterRegistry meters) {
        int connections = dataSource instanceof HikariDataSource pool ? pool.getMaximumPoolSize() : Integer.MAX_VALUE;
        return commandScheduler(threads, queueCapacity, connections, meters);
    }

    Scheduler commandScheduler(int threads, int queueCapacity, int connections, MeterRegistry meters) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("almanac.commands.threads and almanac.commands.queue-capacity must be at "
                    + "least 1, not " + threads + " and " + queueCapacity);
        }
        if (threads >= connections) {
            log.warn("almanac.commands.threads is {}, not fewer than the {} pooled connections: commands will wait for "
                    + "connections, and the relay with them", threads, connections);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queueCapacity), new CustomizableThreadFactory("command-"),
                new ThreadPoolExecutor.AbortPolicy());
        new ExecutorServiceMetrics(executor, METRICS_NAME, Tags.empty()).bindTo(meters);
        return Schedulers.fromExecutorService(executor, METRICS_NAME);
    }
}
