package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** With {@code management.server.port} set (the chart's metrics.separatePort), the actuator moves off the public port. */
@MirrorApplicationTest(properties = "management.server.port=0")
class ManagementPortTest {

    @Autowired
    MirrorHttp http;

    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusAndProbesShouldBeServedAnonymouslyOnTheManagementPortOnly() {
        MirrorHttp management = http.onPort(managementPort);
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            MirrorHttp.Response answer = management.get(path);
            assertThat(answer.statusCode()).as("management port %s", path).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(http.get(path).statusCode()).as("public port %s", path).isEqualTo(404);
        }
        assertThat(management.get("/actuator/prometheus").text()).contains("flatcar_mirror_storage_used_bytes");
    }

    @Test
    void managementPortShouldExposeNothingBeyondHealthInfoAndPrometheus() {
        MirrorHttp management = http.onPort(managementPort);

        assertThat(management.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(management.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void publicPortShouldStillServeTheMirrorAnonymously() {
        assertThat(http.get("/channels").statusCode()).isEqualTo(200);
        assertThat(http.get("/admin/channels/stable/sync").statusCode()).isEqualTo(401);
    }
}
