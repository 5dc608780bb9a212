package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ScratchDirectoriesTest {

    @Test
    void deletesADirectoryWithEverythingInIt() throws IOException {
        Path directory = Files.createTempDirectory("almanac-scratch-");
        Files.createDirectories(directory.resolve("kafka/almanac.rules.v1-0"));
        Files.writeString(directory.resolve("kafka/almanac.rules.v1-0/00000000000000000000.log"), "records");
        Files.writeString(directory.resolve("postgres.conf"), "settings");

        ScratchDirectories.delete(directory);

        assertThat(directory).doesNotExist();
    }

    @Test
    void aDirectoryAlreadyGoneIsNoError() {
        Path gone = Path.of(System.getProperty("java.io.tmpdir"), "almanac-scratch-never-made");

        ScratchDirectories.delete(gone);

        assertThat(gone).doesNotExist();
    }
}
