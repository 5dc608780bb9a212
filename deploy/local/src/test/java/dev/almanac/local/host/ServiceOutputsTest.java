package dev.almanac.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hosted service's output in its own log, as its own process's would be (ADR 0099). */
class ServiceOutputsTest {

    @TempDir
    Path logs;

    @Test
    void aThreadWorkingForAServiceWritesToItsLogAndAnyOtherToTheHosts() throws Exception {
        ByteArrayOutputStream host = new ByteArrayOutputStream();
        ServiceOutputs outputs = new ServiceOutputs(host);
        ClassLoader commandService = new URLClassLoader("command-service", new URL[0], ClassLoader.getPlatformClassLoader());
        // Spring Boot's launcher loads a service's classes in a class loader below the one the host made for it.
        ClassLoader launched = new URLClassLoader("launched", new URL[0], commandService);
        ClassLoader queryService = new URLClassLoader("query-service", new URL[0], ClassLoader.getPlatformClassLoader());
        outputs.register(commandService, logs.resolve("command-service.log"));
        outputs.register(queryService, logs.resolve("query-service.log"));
        PrintStream out = new PrintStream(outputs.routing(), true, StandardCharsets.UTF_8);

        runWith(launched, () -> out.println("relay started"));
        runWith(queryService, () -> out.println("projection caught up"));
        out.println("hosting 2 services");

        assertThat(Files.readString(logs.resolve("command-service.log"))).isEqualTo("relay started" + System.lineSeparator());
        assertThat(Files.readString(logs.resolve("query-service.log"))).isEqualTo("projection caught up" + System.lineSeparator());
        assertThat(host.toString(StandardCharsets.UTF_8)).isEqualTo("hosting 2 services" + System.lineSeparator());
    }

    @Test
    void aSharedPoolsThreadWritesWhereTheServiceCodeOnItsStackBelongs() throws Exception {
        ByteArrayOutputStream host = new ByteArrayOutputStream();
        ServiceOutputs outputs = new ServiceOutputs(host);
        ClassLoader dispatcher = new URLClassLoader("dispatcher", new URL[0], ClassLoader.getPlatformClassLoader());
        outputs.register(dispatcher, logs.resolve("dispatcher.log"));
        PrintStream out = new PrintStream(outputs.routing(), true, StandardCharsets.UTF_8);
        // A class of the dispatcher's loader on the stack: a proxy class is defined in the loader it is made for.
        Runnable dispatcherCode = (Runnable) Proxy.newProxyInstance(dispatcher, new Class<?>[] {Runnable.class}, (proxy, method, args) -> {
            out.println("delivered");
            return null;
        });

        // The common pool's threads have the system class loader as their context, which is no service's.
        CompletableFuture.runAsync(dispatcherCode, ForkJoinPool.commonPool()).get();
        CompletableFuture.runAsync(() -> out.println("the host's own"), ForkJoinPool.commonPool()).get();

        assertThat(Files.readString(logs.resolve("dispatcher.log"))).isEqualTo("delivered" + System.lineSeparator());
        assertThat(host.toString(StandardCharsets.UTF_8)).isEqualTo("the host's own" + System.lineSeparator());
    }

    private static void runWith(ClassLoader loader, Runnable work) throws InterruptedException {
        Thread thread = new Thread(work);
        thread.setContextClassLoader(loader);
        thread.start();
        thread.join();
    }
}
