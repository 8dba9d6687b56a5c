package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ReleaseControlProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.testsupport.InMemoryObjectStore;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The file tree's answers, from the catalog's view of a file and the stored bytes: validators, conditional
 * requests, ranges, HEAD and the current redirect. Access control is left out ({@code addFilters = false}):
 * files are public, and the running application's test checks the security headers on them.
 */
@WebMvcTest(controllers = MirrorFileController.class, properties = {
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=https://stable.release.example"})
@AutoConfigureMockMvc(addFilters = false)
@Import({FileResponder.class, Channels.class, ServedChannels.class, MirrorFileControllerTest.Store.class})
@EnableConfigurationProperties({MirrorProperties.class, ReleaseControlProperties.class})
class MirrorFileControllerTest {

    private static final String VERSION = "4593.2.5";
    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/" + VERSION + "/" + IMAGE;
    private static final byte[] CONTENT = MirrorFixture.random(10_000, 7);
    private static final String SHA256 = "3f5c9a0e2b7d4c1f8e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e";
    private static final String ETAG = "\"" + SHA256 + "\"";
    private static final Instant VERIFIED = Instant.parse("2026-08-12T09:30:00.250Z");
    private static final String LAST_MODIFIED = "Wed, 12 Aug 2026 09:30:00 GMT";
    private static final StoredFile STORED = new StoredFile("stable/amd64-usr/" + VERSION + "/" + IMAGE, CONTENT.length, SHA256, VERIFIED);

    @TestConfiguration(proxyBeanMethods = false)
    static class Store {
        @Bean
        InMemoryObjectStore objectStore() {
            return new InMemoryObjectStore();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryObjectStore store;

    @MockitoBean
    CurrentReleases queries;

    @MockitoBean
    ChannelStreams streams;

    @BeforeEach
    void imageIsPublishedAndStored() {
        store.clear();
        store.put(new ObjectKey(STORED.storageKey()), CONTENT);
        given(queries.publishedFile("stable", "amd64-usr", VERSION, IMAGE)).willReturn(Optional.of(STORED));
    }

    @Test
    void getShouldServeTheStoredBytesWithValidatorsAndImmutableCaching() {
        MvcTestResult result = mvc.get().uri(PATH).exchange();

        assertThat(result).hasStatusOk()
                .hasHeader(HttpHeaders.ETAG, ETAG)
                .hasHeader(HttpHeaders.LAST_MODIFIED, LAST_MODIFIED)
                .hasHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .hasHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .hasHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(CONTENT.length))
                .hasContentType("application/x-bzip2");
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(CONTENT);
    }

    @Test
    void headShouldAnswerTheHeadersOfGetWithoutReadingTheFile() {
        MvcTestResult result = mvc.head().uri(PATH).exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.ETAG, ETAG)
                .hasHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(CONTENT.length)).hasContentType("application/x-bzip2");
        assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
        assertThat(store.reads()).isZero();
    }

    @Test
    void matchingIfNoneMatchShouldAnswerNotModifiedWithTheValidators() {
        for (String ifNoneMatch : List.of(ETAG, "W/" + ETAG, "\"other\", " + ETAG, "*")) {
            MvcTestResult result = mvc.get().uri(PATH).header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).exchange();

            assertThat(result).as(ifNoneMatch).hasStatus(304).hasHeader(HttpHeaders.ETAG, ETAG)
                    .hasHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
            assertThat(result.getResponse().getContentAsByteArray()).as(ifNoneMatch).isEmpty();
        }
        assertThat(store.reads()).isZero();
    }

    @Test
    void ifModifiedSinceAtOrAfterLastModifiedShouldAnswerNotModified() {
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.IF_MODIFIED_SINCE, LAST_MODIFIED)).hasStatus(304);
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.IF_MODIFIED_SINCE, "Thu, 13 Aug 2026 00:00:00 GMT")).hasStatus(304);
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.IF_MODIFIED_SINCE, "Wed, 12 Aug 2026 09:29:59 GMT")).hasStatusOk();
    }

    @Test
    void ifNoneMatchShouldWinOverIfModifiedSince() {
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.IF_NONE_MATCH, "\"other\"").header(HttpHeaders.IF_MODIFIED_SINCE, LAST_MODIFIED))
                .hasStatusOk();
    }

    @Test
    void singleRangeShouldAnswerPartialContent() {
        MvcTestResult result = mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=1000-1999").exchange();

        assertThat(result).hasStatus(206)
                .hasHeader(HttpHeaders.CONTENT_RANGE, "bytes 1000-1999/" + CONTENT.length)
                .hasHeader(HttpHeaders.CONTENT_LENGTH, "1000")
                .hasContentType("application/x-bzip2");
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 2000));
    }

    @Test
    void severalRangesShouldAnswerMultipartByterangesOfTheAnnouncedLength() {
        MvcTestResult result = mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=0-4,100-104").exchange();

        assertThat(result).hasStatus(206);
        String type = result.getResponse().getContentType();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf('=') + 1);
        byte[] body = result.getResponse().getContentAsByteArray();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("\r\n--" + boundary + "\r\nContent-Type: application/x-bzip2\r\nContent-Range: bytes 0-4/10000\r\n\r\n")
                .contains("Content-Range: bytes 100-104/10000\r\n\r\n" + new String(Arrays.copyOfRange(CONTENT, 100, 105), StandardCharsets.ISO_8859_1))
                .endsWith("\r\n--" + boundary + "--\r\n");
        assertThat(result).hasHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
    }

    @Test
    void headWithARangeShouldAnswerThePartialHeadersWithoutABody() {
        MvcTestResult result = mvc.head().uri(PATH).header(HttpHeaders.RANGE, "bytes=-10").exchange();

        assertThat(result).hasStatus(206).hasHeader(HttpHeaders.CONTENT_RANGE, "bytes 9990-9999/10000")
                .hasHeader(HttpHeaders.CONTENT_LENGTH, "10");
        assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
        assertThat(store.reads()).isZero();
    }

    @Test
    void unsatisfiableRangeShouldAnswer416WithTheSize() {
        MvcTestResult result = mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=20000-").exchange();

        assertThat(result).hasStatus(416).hasHeader(HttpHeaders.CONTENT_RANGE, "bytes */10000").hasHeader(HttpHeaders.CONTENT_LENGTH, "0");
        assertThat(store.reads()).isZero();
    }

    @Test
    void ifRangeWithTheCurrentEtagOrDateShouldGetTheRange() {
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=0-9").header(HttpHeaders.IF_RANGE, ETAG)).hasStatus(206);
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=0-9").header(HttpHeaders.IF_RANGE, LAST_MODIFIED)).hasStatus(206);
    }

    @Test
    void ifRangeWithAnotherOrAWeakValidatorShouldGetTheWholeFile() {
        for (String ifRange : List.of("\"stale\"", "W/" + ETAG, "Wed, 12 Aug 2026 09:29:59 GMT", "not a date")) {
            MvcTestResult result = mvc.get().uri(PATH).header(HttpHeaders.RANGE, "bytes=0-9").header(HttpHeaders.IF_RANGE, ifRange).exchange();

            assertThat(result).as(ifRange).hasStatusOk();
            assertThat(result.getResponse().getContentAsByteArray()).as(ifRange).isEqualTo(CONTENT);
        }
    }

    @Test
    void signatureShouldBeServedAsPgpSignature() {
        StoredFile signature = new StoredFile(STORED.storageKey() + ".sig", 3, "b".repeat(64), VERIFIED);
        store.put(new ObjectKey(signature.storageKey()), new byte[] {1, 2, 3});
        given(queries.publishedFile("stable", "amd64-usr", VERSION, IMAGE + ".sig")).willReturn(Optional.of(signature));

        assertThat(mvc.get().uri(PATH + ".sig")).hasStatusOk().hasContentType("application/pgp-signature")
                .hasHeader(HttpHeaders.ETAG, "\"" + "b".repeat(64) + "\"");
    }

    @Test
    void fileNotInTheCatalogShouldAnswerNotFoundAsAProblem() {
        given(queries.publishedFile("stable", "amd64-usr", VERSION, "other.bin")).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/stable/amd64-usr/" + VERSION + "/other.bin")).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(store.reads()).isZero();
    }

    @Test
    void unknownChannelOrBoardShouldAnswerNotFoundAsAProblemNamingIt() {
        assertThat(mvc.get().uri("/nightly/amd64-usr/" + VERSION + "/" + IMAGE)).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("nightly");
        assertThat(mvc.get().uri("/stable/riscv-usr/" + VERSION + "/" + IMAGE)).hasStatus(404)
                .bodyJson().extractingPath("$.detail").asString().contains("riscv-usr");
    }

    @Test
    void catalogedFileMissingFromTheStoreShouldBeAServerErrorNotAnEmptyFile() {
        store.clear();

        assertThat(mvc.get().uri(PATH)).hasStatus(500);
    }

    @Test
    void storedFileOfAnotherSizeThanCatalogedShouldBeAServerError() {
        store.put(new ObjectKey(STORED.storageKey()), Arrays.copyOf(CONTENT, 9_999));

        assertThat(mvc.get().uri(PATH)).hasStatus(500);
        assertThat(store.reads()).isZero();
    }

    @Test
    void currentShouldRedirectToTheVersionedUrlWithoutCaching() {
        given(queries.current("stable", "amd64-usr")).willReturn(Optional.of(release()));

        MvcTestResult result = mvc.get().uri("/stable/amd64-usr/current/" + IMAGE).exchange();

        assertThat(result).hasStatus(302).hasHeader(HttpHeaders.LOCATION, PATH).hasHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        assertThat(store.reads()).isZero();
    }

    @Test
    void currentWhenNothingIsPublishedShouldAnswerNotFound() {
        given(queries.current("stable", "amd64-usr")).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/stable/amd64-usr/current/" + IMAGE)).hasStatus(404)
                .bodyJson().extractingPath("$.detail").asString().contains("no published release yet");
    }

    @Test
    void currentOfAFileTheCurrentReleaseLacksShouldAnswerNotFoundRatherThanRedirect() {
        given(queries.current("stable", "amd64-usr")).willReturn(Optional.of(release()));
        given(queries.publishedFile("stable", "amd64-usr", VERSION, "other.bin")).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/stable/amd64-usr/current/other.bin")).hasStatus(404).doesNotContainHeader(HttpHeaders.LOCATION);
    }

    private static ReleaseView release() {
        return new ReleaseView("stable", "amd64-usr", VERSION, ReleaseState.PUBLISHED, true, VERIFIED, VERIFIED, null, null,
                Map.of("FLATCAR_VERSION", VERSION), List.of());
    }
}
