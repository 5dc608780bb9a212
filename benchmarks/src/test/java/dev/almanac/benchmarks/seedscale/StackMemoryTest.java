package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Each process of the stack is named by what its command line runs, and PostgreSQL by the home it serves. */
class StackMemoryTest {

    @Test
    void processesAreNamedByTheirJarOrMain() {
        assertThat(StackMemory.nameOf("/usr/bin/java -Xmx768m -jar /repo/query-service/target/query-service.jar")).isEqualTo("query-service");
        assertThat(StackMemory.nameOf("/usr/bin/java -Dloader.main=dev.almanac.local.ReadModelStore -cp almanac-local.jar"))
                .isEqualTo(StackMemory.READ_MODELS);
        assertThat(StackMemory.nameOf("postgres: postgres almanac 127.0.0.1(5000) idle")).isEqualTo(StackMemory.POSTGRES);
        assertThat(StackMemory.nameOf("/bin/sh -c something")).isEqualTo("other: /bin/sh");
        assertThat(StackMemory.nameOf("/usr/bin/java -Dloader.main=dev.almanac.local.host.ServicesHost -jar /repo/almanac-local.jar"
                + " command-service=/repo/command-service/target/command-service.jar query-service=/repo/query-service.jar"))
                .isEqualTo(StackMemory.SERVICES_HOST);
    }

    @Test
    void thePostmasterIsTheOneOnTheRunsHome() {
        Path home = Path.of("/work/benchmarks/target/seed-scale/ss1/home");

        assertThat(StackMemory.postmasterOf(home)).accepts(
                "/tmp/embedded-pg/PG-1/bin/postgres -D /work/benchmarks/target/seed-scale/ss1/home/postgres -p 5433 -F");
        assertThat(StackMemory.postmasterOf(home)).rejects(
                "/tmp/embedded-pg/PG-1/bin/postgres -D /tmp/almanac-dev/home/postgres -p 5433 -F");
        assertThat(StackMemory.postmasterOnLocalPort()).accepts("/tmp/embedded-pg/PG-1/bin/postgres -D /x/postgres -p 5433 -F")
                .rejects("/tmp/embedded-pg/PG-1/bin/postgres -D /x/postgres -p 54330 -F");
    }
}
