package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.FlatcarMirrorApplication;
import dev.flatcarmirror.integrity.QuarantineReason;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two replicas on one PostgreSQL catalog and one store: this test's application (A, its answers cached) and a second
 * application context (B) started on A's database. What B publishes or quarantines reaches A's answers within
 * {@code mirror.catalog.change-check-interval}, although A's cache never heard of B's transaction.
 */
// Closed after the class: a context of its own holds database connections, which the test server has few of.
@DirtiesContext
@MirrorApplicationTest(isolated = true, properties = "mirror.catalog.change-check-interval=500ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogChangesAcrossReplicasTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final Duration WITHIN = Duration.ofSeconds(5);

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    private ConfigurableApplicationContext replicaB;

    @BeforeAll
    void startReplicaB(MirrorFixture mirror, @Autowired Environment environment) throws Exception {
        mirror.publish("stable/amd64-usr", "2000.2.0", Map.of(IMAGE, MirrorFixture.random(100_000, 1)));
        scheduler.pollNow("stable");
        Map<String, String> properties = new LinkedHashMap<>(mirror.properties());
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.flyway.schemas", "spring.flyway.default-schema", "spring.datasource.hikari.maximum-pool-size")) {
            properties.put(name, environment.getProperty(name, ""));
        }
        properties.put("server.port", "0");
        properties.put("mirror.catalog.change-check-interval", "500ms");
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        replicaB = new SpringApplicationBuilder(FlatcarMirrorApplication.class).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    void stopReplicaB() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @Test
    @Order(1)
    void givenAnswersCachedOnAWhenBPublishesANewReleaseThenAShouldServeItWithinTheCheckInterval(MirrorFixture mirror)
            throws Exception {
        assertThat(http.get("/stable/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/stable/amd64-usr/2000.2.0/version.txt");
        mirror.publish("stable/amd64-usr", "2001.2.0", Map.of(IMAGE, MirrorFixture.random(100_000, 2)));

        replicaB.getBean(PollScheduler.class).pollNow("stable");

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(http.get("/stable/amd64-usr/current/version.txt").headers().firstValue("Location"))
                        .hasValue("/stable/amd64-usr/2001.2.0/version.txt"));
        assertThat(http.get("/stable/amd64-usr/2001.2.0/" + IMAGE).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void givenAFileCachedOnAWhenBQuarantinesItThenAShouldStopServingItWithinTheCheckInterval() {
        String path = "/stable/amd64-usr/2001.2.0/" + IMAGE;
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        Catalog catalogOfB = replicaB.getBean(Catalog.class);
        StoredArtifact image = catalogOfB.verifiedArtifacts().stream()
                .filter(artifact -> artifact.version().equals("2001.2.0") && artifact.name().equals(IMAGE)).findFirst().orElseThrow();

        catalogOfB.quarantine(image.id(), QuarantineReason.CHANGED_ON_DISK, "changed behind the mirror's back (test)");

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(http.get(path).statusCode()).isEqualTo(404));
    }
}
