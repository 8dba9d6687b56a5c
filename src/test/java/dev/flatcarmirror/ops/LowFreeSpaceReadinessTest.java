package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A free-space threshold above what the disk has makes the real application unready, and only unready. */
@MirrorApplicationTest(properties = "mirror.health.min-free-space=1000000TB")
class LowFreeSpaceReadinessTest {

    @Autowired
    MirrorHttp http;

    @Test
    void readinessShouldBeDownWhenFreeSpaceIsBelowTheThreshold() {
        MirrorHttp.Response readiness = http.get("/actuator/health/readiness", "Authorization", "Bearer " + MirrorFixture.ADMIN_TOKEN);

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode storage = readiness.json().path("components").path("storage");
        assertThat(storage.path("status").asString()).isEqualTo("DOWN");
        assertThat(storage.path("details").path("error").asString()).contains("mirror.health.min-free-space");
        assertThat(storage.path("details").path("freeBytes").asLong())
                .isLessThan(storage.path("details").path("minFreeBytes").asLong());
    }

    @Test
    void livenessShouldStayUpWhenFreeSpaceIsBelowTheThreshold() {
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
