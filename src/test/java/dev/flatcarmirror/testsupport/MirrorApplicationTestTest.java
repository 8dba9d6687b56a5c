package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * What {@link MirrorApplicationTest} promises a test class, checked in the default context that the other
 * classes without attributes share (so this costs no start of its own).
 */
@MirrorApplicationTest
class MirrorApplicationTestTest {

    @Autowired
    MirrorFixture mirror;

    @Autowired
    MirrorHttp http;

    @Test
    void applicationShouldBePointedAtTheFixtureAndASchemaOfItsOwn(@Value("${mirror.channels[0].base-url}") String baseUrl,
            @Value("${mirror.storage.path}") String storage, @Value("${mirror.admin.token}") String token,
            @Value("${spring.datasource.url}") String database) {
        assertThat(baseUrl).isEqualTo(mirror.upstream().channelUrl("stable"));
        assertThat(storage).isEqualTo(mirror.storage().toString());
        assertThat(token).isEqualTo(MirrorFixture.ADMIN_TOKEN);
        assertThat(database).contains("currentSchema=t_");
    }

    @Test
    void parametersShouldBeTheContextsOwnFixture(MirrorFixture fixture, FakeUpstream upstream, TestSigningKey key, MirrorHttp client) {
        assertThat(fixture).isSameAs(mirror);
        assertThat(upstream).isSameAs(mirror.upstream());
        assertThat(key).isSameAs(mirror.key());
        assertThat(client).isSameAs(http);
    }

    @Test
    void classShouldStartWithAnEmptyMirrorWhateverTheClassBeforeLeft() throws Exception {
        assertThat(http.get("/channels/stable/current").statusCode()).isEqualTo(404);
        assertThat(http.get("/channels/stable/releases").json().valueStream()).isEmpty();
        assertThat(http.get("/channels/stable/history").json().valueStream()).allSatisfy(event ->
                assertThat(event.path("reason").asString()).as("only the start-up poll, if this class came first").isEqualTo("upstream_status"));
        try (Stream<Path> files = Files.walk(mirror.storage())) {
            // The running store's staging lock file is its own, not something a class left.
            assertThat(files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".lock"))).isEmpty();
        }
        MirrorHttp upstream = http.onPort(URI.create(mirror.upstream().baseUrl()).getPort());
        assertThat(upstream.get("/stable/amd64-usr/current/version.txt").statusCode()).as("upstream serves nothing").isEqualTo(404);
    }

    @Test
    void httpShouldSendTheAdminTokenOnlyWhenAsked() {
        assertThat(http.get("/admin/quarantine").statusCode()).isEqualTo(401);
        assertThat(http.admin().get("/admin/quarantine").statusCode()).isEqualTo(200);
    }
}
