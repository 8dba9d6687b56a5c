package dev.flatcarmirror.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.SlowHeadersServer;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The upstream client against a real socket: conditional requests, limits, redirects, broken bodies. */
class UpstreamClientTest {

    private final FakeUpstream upstream = FakeUpstream.start();
    private final UpstreamClient client = new UpstreamClient(new DownloadProperties(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(3), Duration.ofSeconds(2), DataSize.ofKilobytes(100), DataSize.ofKilobytes(1), 3, 2, 1,
            DataSize.ofBytes(100), Duration.ofSeconds(1), 0, Duration.ofMillis(10)));

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void smallFileShouldComeWithValidatorsAndThenAnswerNotModified() throws Exception {
        upstream.put("/v.txt", "FLATCAR_VERSION=1.2.3\n".getBytes());

        SmallFile.Found found = (SmallFile.Found) client.getSmall(uri("/v.txt"), Validators.NONE);
        SmallFile again = client.getSmall(uri("/v.txt"), found.validators());

        assertThat(found.validators().etag()).isNotBlank();
        assertThat(again).isInstanceOf(SmallFile.NotModified.class);
    }

    @Test
    void missingFileShouldBeNotFoundRatherThanAnError() throws Exception {
        assertThat(client.getSmall(uri("/missing"), Validators.NONE)).isInstanceOf(SmallFile.NotFound.class);
        assertThat(client.download(uri("/missing"))).isEmpty();
        assertThat(client.exists(uri("/missing"))).isFalse();
    }

    @Test
    void serverErrorShouldBeNamedWithItsStatusAndBeWorthRetrying() {
        upstream.put("/v.txt", new byte[1]);
        upstream.fault("/v.txt", new Fault.Status(503));

        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.getSmall(uri("/v.txt"), Validators.NONE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.SERVER_ERROR))
                .satisfies(e -> assertThat(e.isTransient()).isTrue()).withMessageContaining("503");
    }

    @Test
    void smallFileOverItsLimitShouldBeRefusedOnBytesRead() {
        upstream.put("/big.sig", new byte[2048]);

        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.getSmall(uri("/big.sig"), Validators.NONE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.TOO_LARGE));
    }

    @Test
    void downloadOverTheArtifactLimitShouldFailWhileReading() throws Exception {
        upstream.put("/image", new byte[200_000]);

        try (Download download = client.download(uri("/image")).orElseThrow(); InputStream body = download.body()) {
            assertThatExceptionOfType(java.io.IOException.class).isThrownBy(body::readAllBytes).withMessageContaining("limit");
        }
    }

    @Test
    void redirectFromHttpToHttpShouldBeFollowedButNotToOtherSchemes() throws Exception {
        upstream.put("/real", new byte[] {42});
        upstream.put("/moved", new byte[0]);
        upstream.fault("/moved", new Fault.Redirect(upstream.url("/real"), 302));
        upstream.put("/evil", new byte[0]);
        upstream.fault("/evil", new Fault.Redirect("file:///etc/passwd", 302));

        assertThat(((SmallFile.Found) client.getSmall(uri("/moved"), Validators.NONE)).body()).containsExactly(42);
        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.getSmall(uri("/evil"), Validators.NONE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.BAD_REDIRECT));
    }

    @Test
    void redirectFromHttpsToHttpShouldBeRefusedAsADowngradeWhileHttpsToHttpsIsFollowed() throws Exception {
        upstream.put("/real", new byte[] {42});
        try (HttpsTestServer https = new HttpsTestServer()) {
            https.put("/real", new byte[] {7});
            https.redirect("/moved", https.url("/real"));
            https.redirect("/downgrade", upstream.url("/real"));
            SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
            HttpsURLConnection.setDefaultSSLSocketFactory(https.clientContext().getSocketFactory());
            try {
                assertThat(((SmallFile.Found) client.getSmall(URI.create(https.url("/moved")), Validators.NONE)).body()).containsExactly(7);
                assertThatExceptionOfType(UpstreamException.class)
                        .isThrownBy(() -> client.getSmall(URI.create(https.url("/downgrade")), Validators.NONE))
                        .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.BAD_REDIRECT))
                        .withMessageContaining("from https to http");
                assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.download(URI.create(https.url("/downgrade"))))
                        .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.BAD_REDIRECT));
                assertThat(upstream.count("GET", "/real")).as("nothing was asked over plain http").isZero();
            } finally {
                HttpsURLConnection.setDefaultSSLSocketFactory(before);
            }
        }
    }

    @Test
    void redirectLoopShouldStopAfterTheConfiguredHops() {
        upstream.put("/loop", new byte[0]);
        upstream.fault("/loop", new Fault.Redirect(upstream.url("/loop"), 301));

        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.getSmall(uri("/loop"), Validators.NONE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.BAD_REDIRECT)).withMessageContaining("more than 3");
    }

    @Test
    void stalledBodyShouldTimeOutInsteadOfHanging() throws Exception {
        upstream.put("/stall", new byte[10_000]);
        upstream.fault("/stall", new Fault.Stall(Duration.ofSeconds(5)));

        long started = System.nanoTime();
        assertThatExceptionOfType(Exception.class).isThrownBy(() -> {
            try (Download download = client.download(uri("/stall")).orElseThrow(); InputStream body = download.body()) {
                body.readAllBytes();
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void smallFileWhoseHeadersDripShouldEndAtTheSmallFileDeadline() {
        try (SlowHeadersServer slow = SlowHeadersServer.start(Duration.ofMillis(100))) {
            long started = System.nanoTime();

            assertThatExceptionOfType(UpstreamException.class)
                    .isThrownBy(() -> client.getSmall(URI.create(slow.baseUrl() + "/current/version.txt"), Validators.NONE))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.DEADLINE))
                    .withMessageContaining("deadline");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a 2s deadline, each byte well within the read timeout")
                    .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
        }
    }

    @Test
    void downloadWhoseHeadersDripShouldEndAtTheFileDeadline() {
        try (SlowHeadersServer slow = SlowHeadersServer.start(Duration.ofMillis(100))) {
            long started = System.nanoTime();

            assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> client.download(URI.create(slow.baseUrl() + "/image")))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.DEADLINE));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(8));
        }
    }

    @Test
    void validatorsTooLongOrMalformedShouldBeDroppedSoTheNextRequestIsUnconditional() throws Exception {
        upstream.put("/v.txt", "FLATCAR_VERSION=1.2.3\n".getBytes());
        upstream.fault("/v.txt", new Fault.Headers(java.util.Map.of("ETag", "\"" + "e".repeat(300) + "\"", "Last-Modified", "yesterday")));
        SmallFile.Found huge = (SmallFile.Found) client.getSmall(uri("/v.txt"), Validators.NONE);
        upstream.fault("/v.txt", new Fault.Headers(java.util.Map.of("ETag", "unquoted", "Last-Modified", "Tue, 15 Nov 1994 08:12:31 GMT")));
        SmallFile.Found unquoted = (SmallFile.Found) client.getSmall(uri("/v.txt"), Validators.NONE);

        assertThat(huge.validators()).isEqualTo(Validators.NONE);
        assertThat(unquoted.validators()).isEqualTo(new Validators(null, "Tue, 15 Nov 1994 08:12:31 GMT"));
    }

    @Test
    void truncatedBodyShouldFailRatherThanLookComplete() throws Exception {
        upstream.put("/short", new byte[50_000]);
        upstream.fault("/short", new Fault.Truncate(1000));

        try (Download download = client.download(uri("/short")).orElseThrow(); InputStream body = download.body()) {
            assertThatExceptionOfType(java.io.IOException.class).isThrownBy(body::readAllBytes);
        }
    }

    @Test
    void dripBelowTheMinimumRateShouldBeDroppedAsTooSlow() throws Exception {
        upstream.put("/drip", new byte[500]);
        upstream.fault("/drip", new Fault.Drip(Duration.ofMillis(100)));

        try (Download download = client.download(uri("/drip")).orElseThrow(); InputStream body = download.body()) {
            assertThatExceptionOfType(java.io.IOException.class).isThrownBy(body::readAllBytes)
                    .satisfies(e -> assertThat(UpstreamClient.describe(uri("/drip"), e).reason()).isEqualTo(UpstreamFailure.TOO_SLOW));
        }
    }

    @Test
    void endlessBodyShouldStopAtTheSizeLimit() throws Exception {
        upstream.put("/endless", new byte[1]);
        upstream.fault("/endless", new Fault.Endless());

        try (Download download = client.download(uri("/endless")).orElseThrow(); InputStream body = download.body()) {
            assertThatExceptionOfType(java.io.IOException.class).isThrownBy(body::readAllBytes)
                    .satisfies(e -> assertThat(UpstreamClient.describe(uri("/endless"), e).reason()).isEqualTo(UpstreamFailure.TOO_LARGE));
        }
    }

    @Test
    void resumeShouldContinueFromTheOffsetWhenTheFileIsUnchanged() throws Exception {
        byte[] content = new byte[5000];
        new java.util.Random(3).nextBytes(content);
        upstream.put("/image", content);
        String validator;
        try (Download first = client.download(uri("/image")).orElseThrow()) {
            validator = first.validator();
        }

        try (Download rest = client.download(uri("/image"), 1000, validator).orElseThrow(); InputStream body = rest.body()) {
            assertThat(rest.offset()).isEqualTo(1000);
            assertThat(body.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 5000));
        }
    }

    @Test
    void resumeOfAChangedFileShouldGetTheWholeNewFile() throws Exception {
        upstream.put("/image", new byte[5000]);

        try (Download rest = client.download(uri("/image"), 1000, "\"an-old-etag\"").orElseThrow(); InputStream body = rest.body()) {
            assertThat(rest.offset()).isZero();
            assertThat(body.readAllBytes()).hasSize(5000);
        }
    }

    @Test
    void unknownHostShouldBeNamedInTheError() {
        assertThatExceptionOfType(UpstreamException.class)
                .isThrownBy(() -> client.getSmall(URI.create("http://no-such-host.invalid/v.txt"), Validators.NONE))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.NETWORK_ERROR))
                .withMessageContaining("cannot resolve host no-such-host.invalid");
    }

    private URI uri(String path) {
        return URI.create(upstream.url(path));
    }
}
