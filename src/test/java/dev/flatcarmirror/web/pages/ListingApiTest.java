package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.web.pages.CatalogFixtures.IMAGE;
import static dev.flatcarmirror.web.pages.CatalogFixtures.INITRD;
import static dev.flatcarmirror.web.pages.CatalogFixtures.absent;
import static dev.flatcarmirror.web.pages.CatalogFixtures.downloading;
import static dev.flatcarmirror.web.pages.CatalogFixtures.fresh;
import static dev.flatcarmirror.web.pages.CatalogFixtures.published;
import static dev.flatcarmirror.web.pages.CatalogFixtures.rejected;
import static dev.flatcarmirror.web.pages.CatalogFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.ReleaseView;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = {ListingPages.class, ListingApi.class}, properties = {
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=https://stable.release.example",
        "mirror.channels[0].boards=amd64-usr,arm64-usr",
        "mirror.channels[1].name=beta",
        "mirror.channels[1].base-url=https://beta.release.example"})
@Import(PagesSliceConfiguration.class)
@WithMockUser
class ListingApiTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryMirrorState state;

    private final ReleaseView current = published("1000.2.0", true, verified("1000.2.0", IMAGE, 1_048_699),
            absent(INITRD), verified("1000.2.0", "version.txt", 202));

    @BeforeEach
    void stableHasAPublishedARejectedAndADownloadingRelease() {
        state.reset();
        state.boards("stable", fresh("amd64-usr", "1000.2.0"));
        state.releases(downloading("1000.2.2"), rejected("1000.2.1", "bad_signature", "no"), current);
        Map.of(IMAGE, 1_048_699L, IMAGE + ".sig", 566L, "version.txt", 202L, "version.txt.sig", 310L).forEach(state::storedFile);
    }

    @Test
    void rootShouldListEveryChannelAsADirectory() {
        MvcTestResult result = json("/");

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isStrictlyEqualTo("""
                [{"Name":"stable","Size":0,"URL":"/stable/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
                 {"Name":"beta","Size":0,"URL":"/beta/","ModTime":"0001-01-01T00:00:00Z","IsDir":true}]""");
    }

    @Test
    void channelShouldListEveryConfiguredBoard() {
        assertThat(json("/stable/")).bodyJson().isStrictlyEqualTo("""
                [{"Name":"amd64-usr","Size":0,"URL":"/stable/amd64-usr/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
                 {"Name":"arm64-usr","Size":0,"URL":"/stable/arm64-usr/","ModTime":"0001-01-01T00:00:00Z","IsDir":true}]""");
    }

    @Test
    void boardShouldListCurrentThenOnlyThePublishedVersions() {
        assertThat(json("/stable/amd64-usr/")).bodyJson().isStrictlyEqualTo("""
                [{"Name":"current","Size":0,"URL":"/stable/amd64-usr/current/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
                 {"Name":"1000.2.0","Size":0,"URL":"/stable/amd64-usr/1000.2.0/","ModTime":"2026-08-12T09:30:00Z","IsDir":true}]""");
    }

    @Test
    void versionShouldListEachVerifiedFileWithItsSignatureAsTheFileServerAnswersThem() {
        assertThat(json("/stable/amd64-usr/1000.2.0/")).bodyJson().isStrictlyEqualTo("""
                [{"Name":"flatcar_production_image.bin.bz2","Size":1048699,
                  "URL":"/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2","ModTime":"2026-08-12T09:29:30Z","IsDir":false},
                 {"Name":"flatcar_production_image.bin.bz2.sig","Size":566,
                  "URL":"/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2.sig","ModTime":"2026-08-12T09:29:30Z","IsDir":false},
                 {"Name":"version.txt","Size":202,"URL":"/stable/amd64-usr/1000.2.0/version.txt","ModTime":"2026-08-12T09:29:30Z","IsDir":false},
                 {"Name":"version.txt.sig","Size":310,"URL":"/stable/amd64-usr/1000.2.0/version.txt.sig","ModTime":"2026-08-12T09:29:30Z","IsDir":false}]""");
    }

    @Test
    void currentShouldListTheCurrentReleasesFilesUnderCurrent() {
        MvcTestResult result = json("/stable/amd64-usr/current/");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$[*].URL").asArray().containsExactly(
                "/stable/amd64-usr/current/flatcar_production_image.bin.bz2",
                "/stable/amd64-usr/current/flatcar_production_image.bin.bz2.sig",
                "/stable/amd64-usr/current/version.txt",
                "/stable/amd64-usr/current/version.txt.sig");
    }

    @Test
    void versionNotPublishedShouldBeAProblemNotAnEmptyListing() {
        MvcTestResult result = json("/stable/amd64-usr/1000.2.2/");

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown release");
    }

    @Test
    void unknownBoardShouldBeAProblem() {
        MvcTestResult result = json("/stable/riscv-usr/");

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown board");
    }

    @Test
    void clientPreferringJsonAmongOthersShouldGetJson() {
        assertThat(mvc.get().uri("/stable/").header("Accept", "application/json, text/plain, */*").exchange())
                .hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    private MvcTestResult json(String path) {
        return mvc.get().uri(path).accept(MediaType.APPLICATION_JSON).exchange();
    }
}
