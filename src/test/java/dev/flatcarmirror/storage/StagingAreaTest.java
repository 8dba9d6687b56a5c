package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where both real backends stage downloads: a folder per live writer under an OS lock, so that start-up and
 * garbage collection remove what crashed writers left and never what a live one, such as another replica on a
 * shared volume, is writing.
 */
class StagingAreaTest {

    @TempDir
    Path store;

    @Test
    void leftoversOfAWriterThatIsGoneShouldBeRemovedButNotThoseOfALiveOne() throws Exception {
        // A writer killed mid-download: its lock file exists but nobody holds the lock.
        String dead = UUID.randomUUID().toString();
        Path root = store.resolve(".staging");
        Files.createDirectories(root.resolve(dead));
        Path leftover = Files.write(root.resolve(dead).resolve("download-1.part"), new byte[] {9});
        Files.createFile(root.resolve(dead + ".lock"));
        Path oldLayout = Files.write(root.resolve("download-2.part"), new byte[] {9});
        try (StagingArea live = new StagingArea(store)) {
            Path writing = Files.write(live.newFile(), new byte[] {1});

            try (StagingArea starting = new StagingArea(store)) {
                assertThat(leftover).as("removed when the second writer started").doesNotExist();
                assertThat(root.resolve(dead + ".lock")).doesNotExist();
                assertThat(oldLayout).doesNotExist();
                assertThat(writing).as("a live writer's download").exists();
                assertThat(starting.removeAbandoned()).isEmpty();
            }
        }
    }

    @Test
    void aSweepShouldReportWhatItRemoved() throws Exception {
        try (StagingArea area = new StagingArea(store)) {
            String dead = UUID.randomUUID().toString();
            Files.createDirectories(store.resolve(".staging/" + dead));
            Files.write(store.resolve(".staging/" + dead + "/download-9.part"), new byte[3]);
            Files.createFile(store.resolve(".staging/" + dead + ".lock"));

            List<String> removed = area.removeAbandoned();

            assertThat(removed).containsExactly(dead + "/download-9.part");
        }
    }

    @Test
    void closingShouldRemoveTheWritersOwnFilesAndLock() throws Exception {
        StagingArea area = new StagingArea(store);
        Path file = Files.write(area.newFile(), new byte[] {1});

        area.close();

        assertThat(file).doesNotExist();
        try (var left = Files.list(store.resolve(".staging"))) {
            assertThat(left).isEmpty();
        }
    }
}
