package dev.flatcarmirror.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ReleaseControlProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StreamQueries;
import dev.flatcarmirror.catalog.StreamStatus;
import dev.flatcarmirror.catalog.SyncError;
import dev.flatcarmirror.channel.ChannelBoards;
import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.MirrorProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(ChannelController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({Channels.class, ChannelBoards.class, ChannelStreams.class, ServedChannels.class, ChannelControllerTest.FixedClock.class})
@EnableConfigurationProperties({MirrorProperties.class, ReleaseControlProperties.class})
class ChannelControllerTest {

    private static final Instant PUBLISHED = Instant.parse("2026-08-12T10:00:00Z");

    static class FixedClock {
        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.fixed(PUBLISHED.plus(java.time.Duration.ofDays(40)), java.time.ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    CatalogQueries catalog;

    /** The resolver; for the mirrored channels of these tests it answers what the catalog does. */
    @MockitoBean
    CurrentReleases queries;

    @Autowired
    ChannelBoards boards;

    @Autowired
    Channels channels;

    @MockitoBean
    StreamQueries streams;

    @Test
    void currentOfAStreamTheBoardDoesNotHaveShouldAnswer404NamingItAndTheStreamsThereAre() {
        given(streams.statuses("stable", "amd64-usr")).willReturn(List.of(new StreamStatus("current-2024", true, null,
                BoardStatus.pending("amd64-usr"))));

        assertThat(mvc.get().uri("/channels/stable/current?stream=current-2021")).hasStatus(404)
                .bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.title").isEqualTo("Unknown stream");
                    json.assertThat().extractingPath("$.detail").asString()
                            .contains("'current-2021'", "[current, current-2024]");
                });
    }

    @Test
    void currentOfAStreamShouldAnswerItsRelease() {
        given(streams.status("stable", "amd64-usr", "current-2024")).willReturn(Optional.of(new StreamStatus("current-2024", true,
                null, BoardStatus.pending("amd64-usr"))));
        given(streams.current("stable", "amd64-usr", "current-2024")).willReturn(Optional.of(release()));

        assertThat(mvc.get().uri("/channels/stable/current?stream=current-2024")).hasStatusOk()
                .bodyJson().extractingPath("$.version").isEqualTo("4593.2.5");
    }

    @Test
    void currentShouldListVerifiedArtifactsWithMirrorUrls() {
        given(queries.current("stable", "amd64-usr")).willReturn(Optional.of(release()));

        assertThat(mvc.get().uri("/channels/stable/current")).hasStatusOk()
                .bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.version").isEqualTo("4593.2.5");
                    json.assertThat().extractingPath("$.versionTxt.FLATCAR_BUILD").isEqualTo("4593");
                    json.assertThat().extractingPath("$.artifacts.length()").isEqualTo(1);
                    json.assertThat().extractingPath("$.artifacts[0].url").isEqualTo("/stable/amd64-usr/4593.2.5/image.bin");
                    json.assertThat().extractingPath("$.artifacts[0].signatureUrl").isEqualTo("/stable/amd64-usr/4593.2.5/image.bin.sig");
                });
    }

    @Test
    void releaseShouldLinkVerifiedFilesOnlyAndListAbsentOnesWithoutUrl() {
        given(queries.release("stable", "amd64-usr", "4593.2.5")).willReturn(Optional.of(release()));

        assertThat(mvc.get().uri("/channels/stable/releases/4593.2.5")).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$.artifacts[0].url").isEqualTo("/stable/amd64-usr/4593.2.5/image.bin");
            json.assertThat().extractingPath("$.artifacts[0].signatureUrl").isEqualTo("/stable/amd64-usr/4593.2.5/image.bin.sig");
            json.assertThat().extractingPath("$.artifacts[1].name").isEqualTo("other.bin");
            json.assertThat().extractingPath("$.artifacts[1].state").isEqualTo("ABSENT");
            json.assertThat().hasPathSatisfying("$.artifacts[1]", value -> assertThat(value).asMap()
                    .as("an absent file has no URL").doesNotContainKeys("url", "signatureUrl"));
        });
    }

    @Test
    void currentWhenNothingPublishedShouldReturnNotFoundProblem() {
        given(queries.current("stable", "amd64-usr")).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/channels/stable/current")).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("no published release yet");
    }

    @Test
    void currentWhenChannelUnknownShouldReturnNotFoundProblemNamingIt() {
        assertThat(mvc.get().uri("/channels/nightly/current")).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("'nightly'");
    }

    @Test
    void currentWhenBoardNotMirroredShouldReturnNotFoundProblem() {
        assertThat(mvc.get().uri("/channels/stable/current?board=arm64-usr")).hasStatus(404)
                .bodyJson().extractingPath("$.title").isEqualTo("Unknown board");
    }

    @Test
    void channelsShouldShowCurrentVersionPerBoardAndTheLastError() {
        Instant checked = PUBLISHED.plusSeconds(60);
        given(queries.boards("stable")).willAnswer(invocation -> boards.of(channels.channel("stable")));
        given(catalog.boardStatuses("stable")).willReturn(List.of(new BoardStatus("amd64-usr", "4593.2.5", PUBLISHED, checked,
                PUBLISHED, new SyncError("bad_signature", "image.bin: bad_signature", checked))));

        assertThat(mvc.get().uri("/channels")).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$[?(@.name == 'stable')].current.amd64-usr").asArray().containsExactly("4593.2.5");
            json.assertThat().extractingPath("$[?(@.name == 'stable')].lastError.reason").asArray().containsExactly("bad_signature");
            json.assertThat().extractingPath("$.length()").isEqualTo(4);
            json.assertThat().extractingPath("$[?(@.name == 'stable')].freshness.amd64-usr.state").asArray().containsExactly("STALE");
        });
    }

    private static ReleaseView release() {
        ArtifactView image = new ArtifactView("image.bin", ArtifactState.VERIFIED, 10L, "a".repeat(64), "b".repeat(128), "F".repeat(40),
                PUBLISHED, PUBLISHED);
        ArtifactView absent = new ArtifactView("other.bin", ArtifactState.ABSENT, null, null, null, null, null, null);
        return new ReleaseView("stable", "amd64-usr", "4593.2.5", ReleaseState.PUBLISHED, true, PUBLISHED, PUBLISHED, null, null,
                Map.of("FLATCAR_BUILD", "4593", "FLATCAR_VERSION", "4593.2.5"), List.of(image, absent));
    }
}
