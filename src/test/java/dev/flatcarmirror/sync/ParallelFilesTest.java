package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What happens to the other files of a release when one fails: not started ones wait for the next poll, running ones are kept. */
class ParallelFilesTest {

    @Test
    void givenOneAtATimeWhenTheFirstFileFailsThenTheOthersShouldNotStartAndItsFailureShouldBeThrown() {
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();

        assertThatExceptionOfType(SyncFailure.class).isThrownBy(() -> new ParallelFiles(1, "test").run(List.of("a", "b", "c"),
                        file -> {
                            started.add(file);
                            if (file.equals("a")) {
                                throw new SyncFailure(SyncReason.MISSING_FILE, file, "a is gone");
                            }
                            return file;
                        }, (file, result) -> completed.add(result)))
                .satisfies(failure -> assertThat(failure.file()).isEqualTo("a"));
        assertThat(started).containsExactly("a");
        assertThat(completed).isEmpty();
    }

    @Test
    void givenTwoAtOnceWhenOneFailsWhileTheOtherRunsThenTheOtherShouldFinishAndBeHandedBack() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch failedYet = new CountDownLatch(1);
        Map<String, String> completed = new ConcurrentHashMap<>();
        List<String> started = new CopyOnWriteArrayList<>();

        assertThatExceptionOfType(SyncFailure.class).isThrownBy(() -> new ParallelFiles(2, "test").run(List.of("slow", "bad", "later"),
                file -> {
                    started.add(file);
                    if (file.equals("bad")) {
                        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
                        failedYet.countDown();
                        throw new SyncFailure(SyncReason.MISSING_FILE, file, "bad is gone");
                    }
                    if (file.equals("slow")) {
                        slowStarted.countDown();
                        // Still running when "bad" fails.
                        assertThat(failedYet.await(10, TimeUnit.SECONDS)).isTrue();
                        Thread.sleep(200);
                    }
                    return "verified " + file;
                }, completed::put))
                .satisfies(failure -> assertThat(failure.file()).isEqualTo("bad"));
        assertThat(completed).containsExactly(Map.entry("slow", "verified slow"));
        assertThat(started).doesNotContain("later");
    }
}
