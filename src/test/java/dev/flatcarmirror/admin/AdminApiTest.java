package dev.flatcarmirror.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.testsupport.MirrorHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Access control and answers of the admin API, with the poll itself replaced by a mock. */
@WebMvcTest(controllers = AdminController.class, properties = {
        "mirror.admin.token=" + AdminApiTest.TOKEN,
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=http://upstream.invalid/stable",
        "mirror.channels[0].boards=amd64-usr,arm64-usr"})
@Import({AdminSecurityConfiguration.class, Channels.class})
@EnableConfigurationProperties(MirrorProperties.class)
class AdminApiTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String SYNC = "/admin/channels/stable/sync";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AdminSyncs syncs;

    @Test
    void syncWithoutCredentialsShouldBeUnauthorizedWithABearerChallengeAndAProblem() {
        MvcTestResult result = mvc.post().uri(SYNC).exchange();

        assertThat(result).hasStatus(401);
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                .first().asString().startsWith("Bearer realm=");
        assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(401);
        assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo(SYNC);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Bearer");
        then(syncs).should(never()).request(anyString(), anyString());
    }

    @Test
    void syncWithAWrongBearerTokenShouldBeUnauthorized() {
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN.replace('0', '1')))
                .hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "0")).hasStatus(401);
        then(syncs).should(never()).request(anyString(), anyString());
    }


    @Test
    void syncWithTheBearerTokenShouldBeAcceptedAndQueueAPollOfTheChannel() {
        given(syncs.request("stable", "admin")).willReturn(true);

        MvcTestResult result = mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).exchange();

        assertThat(result).hasStatus(202).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"channel": "stable", "boards": ["amd64-usr", "arm64-usr"], "queued": true, "history": "/channels/stable/history"}
                """);
        then(syncs).should().request("stable", "admin");
    }

    @Test
    void syncWithHttpBasicShouldBeUnauthorizedEvenWithTheTokenAsPasswordUnlessBasicIsTurnedOn() {
        // A browser keeps basic credentials and sends them on cross-site requests too: opt-in only (mirror.admin.basic).
        MvcTestResult result = mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, MirrorHttp.basic("admin", TOKEN)).exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE)).as("no Basic challenge a browser would answer")
                .isNotEmpty().allSatisfy(challenge -> assertThat(challenge).startsWith("Bearer "));
        assertThat(result).bodyJson().extractingPath("$.detail").asString().doesNotContain("basic");
        then(syncs).should(never()).request(anyString(), anyString());
    }

    @Test
    void syncWhileAPollOfTheChannelIsWaitingShouldBeAcceptedWithoutQueueingAnother() {
        given(syncs.request("stable", "admin")).willReturn(false);

        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .hasStatus(202).bodyJson().extractingPath("$.queued").isEqualTo(false);
    }

    @Test
    void syncOfAnUnknownChannelShouldBeNotFoundAsAProblem() {
        MvcTestResult result = mvc.post().uri("/admin/channels/nightly/sync").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("nightly");
        then(syncs).should(never()).request(anyString(), any());
    }

    @Test
    void syncOfAnUnknownChannelWithoutCredentialsShouldBeUnauthorizedNotNotFound() {
        assertThat(mvc.post().uri("/admin/channels/nightly/sync")).hasStatus(401);
    }

    @Test
    void everyAdminPathShouldNeedCredentialsEvenBeforeItExists() {
        assertThat(mvc.get().uri("/admin/quarantine")).hasStatus(401);
        assertThat(mvc.post().uri("/admin/reverify")).hasStatus(401);
        assertThat(mvc.get().uri("/admin")).hasStatus(401);
    }

    @Test
    void adminAnswersShouldCarryTheSecurityHeaders() {
        MvcTestResult result = mvc.post().uri(SYNC).exchange();

        assertThat(result).hasHeader("X-Content-Type-Options", "nosniff").hasHeader("X-Frame-Options", "DENY");
        assertThat(result).hasHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
    }

    @Test
    void adminAnswersShouldNotStartASession() {
        given(syncs.request("stable", "admin")).willReturn(true);

        MvcTestResult result = mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).exchange();

        assertThat(result).hasStatus(202);
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(result.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
    }
}
