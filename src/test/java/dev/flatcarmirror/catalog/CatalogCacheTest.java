package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flatcarmirror.catalog.CatalogCache.Key;
import dev.flatcarmirror.catalog.CatalogCache.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache's promises: one load per change, nothing kept that was read before a change, errors not kept. */
class CatalogCacheTest {

    private static final Key KEY = new Key(Kind.CURRENT, "stable", "amd64-usr");

    private final CatalogCache cache = new CatalogCache();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void givenALoadedAnswerWhenAskedAgainThenTheLoaderShouldNotRunAgainUntilTheCatalogChanges() {
        AtomicInteger loads = new AtomicInteger();

        assertThat(cache.<String>get(KEY, () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.<String>get(KEY, () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        cache.changed(new CatalogChanged("published"));

        assertThat(cache.<String>get(KEY, () -> "v" + loads.incrementAndGet())).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void givenALoadThatReadTheDatabaseBeforeAChangeWhenItFinishesAfterTheInvalidationThenItsAnswerShouldNotBeKept()
            throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        Future<String> straddling = threads.submit(() -> cache.<String>get(KEY, () -> {
            read.countDown();
            await(changed);
            return "before the change";
        }));
        assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();

        cache.invalidate();
        changed.countDown();

        assertThat(straddling.get(5, TimeUnit.SECONDS)).as("the request that overlapped the change").isEqualTo("before the change");
        assertThat(cache.<String>get(KEY, () -> "after the change")).isEqualTo("after the change");
    }

    @Test
    void givenManyConcurrentMissesOfOneKeyThenTheyShouldShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(threads.submit(() -> cache.<String>get(KEY, () -> {
                loads.incrementAndGet();
                await(release);
                return "answer";
            })));
        }
        Thread.sleep(200);
        release.countDown();

        for (Future<String> answer : answers) {
            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void givenALoadThatFailsThenTheErrorShouldReachTheCallerAndTheNextCallShouldLoadAgain() {
        assertThatThrownBy(() -> cache.get(KEY, () -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");

        assertThat(cache.<String>get(KEY, () -> "recovered")).isEqualTo("recovered");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
