package dev.flatcarmirror.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.PostgresTestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances' locks on one real PostgreSQL schema, as two replicas have them: exclusive, renewed while the
 * work runs longer than the timeout, taken over once a holder stops renewing, and robust to a deleted row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private DataSource database;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    void migrate() {
        Map<String, String> schema = PostgresTestDatabase.freshSchema();
        DriverManagerDataSource source = new DriverManagerDataSource(schema.get("spring.datasource.url"),
                schema.get("spring.datasource.username"), schema.get("spring.datasource.password"));
        Flyway.configure().dataSource(source).schemas(schema.get("spring.flyway.schemas"))
                .defaultSchema(schema.get("spring.flyway.default-schema")).locations("classpath:db/migration").load().migrate();
        database = source;
    }

    @AfterAll
    void stop() {
        threads.shutdownNow();
    }

    private Locks instance() {
        return new LockSetup().locks(database, new LockProperties(TIMEOUT));
    }

    @Test
    void aLockShouldBeHeldByOneInstanceAtATimeAndRenewedWhileItsWorkOutlastsTheTimeout() throws Exception {
        Locks a = instance();
        Locks b = instance();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> work = threads.submit(() -> a.tryRun("board:test/one", () -> {
            holding.countDown();
            release.await();
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean ran = new AtomicBoolean();
        // Twice the timeout: without renewal the row would have expired by now.
        Thread.sleep(TIMEOUT.multipliedBy(2).toMillis());
        assertThat(b.tryRun("board:test/one", () -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();
        release.countDown();
        work.get(10, TimeUnit.SECONDS);

        assertThat(b.tryRun("board:test/one", () -> ran.set(true))).isTrue();
        assertThat(ran).isTrue();
        a.stop();
        b.stop();
    }

    @Test
    void aLockWhoseHolderStopsRenewingShouldBeTakenOverAfterTheTimeout() throws Exception {
        Locks dying = instance();
        Locks other = instance();
        CountDownLatch holding = new CountDownLatch(1);
        threads.submit(() -> dying.tryRun("board:test/two", () -> {
            holding.countDown();
            Thread.sleep(60_000);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        // As a killed process: the renewals stop, the row stays.
        dying.abandon();
        long stopped = System.nanoTime();

        other.run("board:test/two", () -> { });

        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(TIMEOUT.plusSeconds(10));
        other.stop();
    }

    @Test
    void aGracefulShutdownShouldReleaseTheLocksItHolds() throws Exception {
        Locks stopping = instance();
        Locks other = instance();
        CountDownLatch holding = new CountDownLatch(1);
        threads.submit(() -> stopping.tryRun("board:test/four", () -> {
            holding.countDown();
            Thread.sleep(60_000);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        stopping.stop();

        assertThat(other.tryRun("board:test/four", () -> { })).as("free at once, not after the timeout").isTrue();
        other.stop();
    }

    @Test
    void aDeletedLockRowShouldNotKeepTheLockFromEverBeingTakenAgain() throws Exception {
        Locks a = instance();
        assertThat(a.tryRun("board:test/three", () -> { })).isTrue();
        new JdbcTemplate(database).update("delete from shedlock");

        AtomicBoolean ran = new AtomicBoolean();
        Future<?> waiting = threads.submit(() -> {
            a.run("board:test/three", () -> ran.set(true));
            return null;
        });

        waiting.get(20, TimeUnit.SECONDS);
        assertThat(ran).isTrue();
        a.stop();
    }
}
