package dev.almanac.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A JVM of the local stack ends with the launcher that started it, even one killed without a chance to stop it. */
class ExitWithParentTest {

    @Test
    void aJvmArmedEndsOnceItsParentIsKilled() throws Exception {
        assertEndsWithItsKilledLauncher(Service.class, Duration.ofSeconds(20));
    }

    /** As a service's Kafka clients do once the launcher's broker is gone: the JVM halts after a few seconds. */
    @Test
    void aShutdownThatHangsIsCutShort() throws Exception {
        assertEndsWithItsKilledLauncher(HangingService.class, HangingService.PATIENCE.plusSeconds(15));
    }

    private static void assertEndsWithItsKilledLauncher(Class<?> serviceMain, Duration patience) throws Exception {
        Process launcher = java(Launcher.class, serviceMain.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ProcessHandle service = null;
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            service = ProcessHandle.of(Long.parseLong(output.readLine().trim())).orElseThrow();
            assertThat(output.readLine()).isEqualTo("armed");
            assertThat(service.parent()).contains(launcher.toHandle());
            assertThat(service.isAlive()).isTrue();

            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            ProcessHandle orphan = service;
            await().atMost(patience).until(() -> !orphan.isAlive());
        } finally {
            launcher.destroyForcibly();
            if (service != null) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void servicesArmItOnlyWhenTheLocalStackAsks() {
        ApplicationContextRunner service = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ExitWithParentAutoConfiguration.class));

        service.run(context -> assertThat(context).doesNotHaveBean(ExitWithParent.class));
        service.withPropertyValues("almanac.exit-with-parent=false")
                .run(context -> assertThat(context).doesNotHaveBean(ExitWithParent.class));
        service.withPropertyValues("almanac.exit-with-parent=true").run(context -> {
            assertThat(context).hasSingleBean(ExitWithParent.class);
            assertThat(context.getBean(ExitWithParent.class).parent()).isEqualTo(ProcessHandle.current().parent());
        });
    }

    private static ProcessBuilder java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Stands for the local stack's launcher: starts the service its argument names, prints its pid, and waits to be killed. */
    static final class Launcher {
        public static void main(String[] args) throws Exception {
            Process service = java(Class.forName(args[0])).inheritIO().start();
            System.out.println(service.pid());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    /** Stands for a service: arms the watch, says so, and would run forever. */
    static final class Service {
        public static void main(String[] args) throws Exception {
            ExitWithParent.arm();
            System.out.println("armed");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    /** Stands for a service whose shutdown never finishes; it waits one second for it, not the services' five. */
    static final class HangingService {
        static final Duration PATIENCE = Duration.ofSeconds(1);

        public static void main(String[] args) throws Exception {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            ExitWithParent.arm(PATIENCE);
            System.out.println("armed");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
