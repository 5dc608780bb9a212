package dev.almanac.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A JVM of the local stack ends with the launcher that started it, even one killed without a chance to stop it. */
class ExitWithParentTest {

    @Test
    void aJvmArmedEndsOnceItsParentIsKilled() throws Exception {
        Process launcher = java(Launcher.class).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ProcessHandle service = null;
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            service = ProcessHandle.of(Long.parseLong(output.readLine().trim())).orElseThrow();
            assertThat(output.readLine()).isEqualTo("armed");
            assertThat(service.parent()).contains(launcher.toHandle());
            assertThat(service.isAlive()).isTrue();

            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            ProcessHandle orphan = service;
            await().atMost(Duration.ofSeconds(20)).until(() -> !orphan.isAlive());
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

    private static ProcessBuilder java(Class<?> main) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), main.getName());
    }

    /** Stands for the local stack's launcher: starts a service, prints its pid, and waits to be killed. */
    static final class Launcher {
        public static void main(String[] args) throws Exception {
            Process service = java(Service.class).inheritIO().start();
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
}
