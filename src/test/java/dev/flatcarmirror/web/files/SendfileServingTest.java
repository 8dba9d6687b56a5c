package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Large bodies from the file system store leave through Tomcat's sendfile, over a real socket: the bytes arrive
 * identical for the whole file and for a single range, the served-bytes meter counts them, HEAD and the security
 * headers are unchanged. A streamed body is counted as the filter sees the chain return, which can be after the
 * client read its last byte, so each test that streams waits for its own count. That sendfile was used is read off
 * the request attributes Tomcat acts on, recorded by a filter of this test around the whole chain; the application
 * itself adds no header saying so.
 */
// Closed after the class: a context of its own holds database connections, which the test server has few of.
@DirtiesContext
@MirrorApplicationTest(isolated = true)
@Import(SendfileServingTest.RecordSendfile.class)
class SendfileServingTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String PATH = "/stable/amd64-usr/2000.2.0/" + IMAGE;
    static final byte[] CONTENT = MirrorFixture.random(3_000_000, 21);

    @Autowired
    MirrorHttp http;

    @Autowired
    RecordSendfile sendfiles;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    void published(MirrorFixture mirror, @Autowired PollScheduler scheduler) throws Exception {
        mirror.publish("stable/amd64-usr", "2000.2.0", Map.of(IMAGE, CONTENT));
        scheduler.pollNow("stable");
    }

    @BeforeEach
    void clear() {
        sendfiles.planned.clear();
    }

    @Test
    void givenALargeFileWhenFetchedWholeThenItShouldGoOutBySendfileByteForByteAndBeCounted() {
        double before = servedBytes();

        MirrorHttp.Response response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(sendfiles.planned).containsExactly(PATH + " 0-" + CONTENT.length);
        assertThat(servedBytes() - before).isEqualTo(CONTENT.length);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void givenASingleRangeThenItShouldGoOutBySendfileWithExactlyThoseBytes() {
        double before = servedBytes();

        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=1000000-2099999");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000000-2099999/" + CONTENT.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1_000_000, 2_100_000));
        assertThat(sendfiles.planned).containsExactly(PATH + " 1000000-2100000");
        assertThat(servedBytes() - before).isEqualTo(1_100_000);
    }

    @Test
    void givenSeveralRangesThenTheMultipartBodyShouldBeStreamedAndCountedAsWritten() {
        double before = servedBytes();

        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=0-99999,2900000-2999999");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(sendfiles.planned).isEmpty();
        byte[] body = response.body();
        // Tomcat completes a body of known length as its last byte is written, before the filters see the chain return.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(servedBytes() - before).isEqualTo(body.length));
        assertThat(indexOf(body, Arrays.copyOfRange(CONTENT, 2_900_000, 3_000_000))).isPositive();
    }

    @Test
    void headShouldAnswerTheHeadersOfGetWithoutABodyOrASendfile() {
        MirrorHttp.Response get = http.get(PATH);
        sendfiles.planned.clear();

        MirrorHttp.Response head = http.head(PATH);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(sendfiles.planned).isEmpty();
        for (String header : List.of("ETag", "Last-Modified", "Content-Length", "Content-Type", "Accept-Ranges", "Cache-Control",
                "X-Content-Type-Options")) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header));
        }
    }

    @Test
    void givenASmallFileThenItShouldBeStreamedRatherThanSentByFile() {
        double before = servedBytes();

        MirrorHttp.Response response = http.get("/stable/amd64-usr/2000.2.0/version.txt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sendfiles.planned).isEmpty();
        // Counted after the last byte went out: waited for here, or it would land in the next test's count.
        int length = response.body().length;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(servedBytes() - before).isEqualTo(length));
    }

    private double servedBytes() {
        return registry.get("flatcar_mirror_served_bytes").tags("channel", "stable", "board", "amd64-usr").counter().count();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Around every filter of the application: what Tomcat was asked to send by file once the chain returned. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordSendfile {

        final List<String> planned = new CopyOnWriteArrayList<>();

        @Bean
        FilterRegistrationBean<Filter> recordSendfile() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                if (request.getAttribute(BodySender.SENDFILE_FILENAME) instanceof String) {
                    planned.add(((jakarta.servlet.http.HttpServletRequest) request).getRequestURI() + " "
                            + request.getAttribute(BodySender.SENDFILE_START) + "-" + request.getAttribute(BodySender.SENDFILE_END));
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
