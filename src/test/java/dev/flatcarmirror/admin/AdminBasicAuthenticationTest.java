package dev.flatcarmirror.admin;

import static dev.flatcarmirror.testsupport.MirrorHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.MirrorProperties;
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

/** With {@code mirror.admin.basic=true}, HTTP basic with the token as password works too; the bearer token still does. */
@WebMvcTest(controllers = AdminController.class, properties = {
        "mirror.admin.token=" + AdminApiTest.TOKEN,
        "mirror.admin.basic=true",
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=http://upstream.invalid/stable"})
@Import({AdminSecurityConfiguration.class, Channels.class})
@EnableConfigurationProperties(MirrorProperties.class)
class AdminBasicAuthenticationTest {

    private static final String SYNC = "/admin/channels/stable/sync";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AdminSyncs syncs;

    @Test
    void syncWithHttpBasicAndTheTokenAsPasswordShouldBeAccepted() {
        given(syncs.request("stable", "admin")).willReturn(true);

        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, basic("admin", AdminApiTest.TOKEN))).hasStatus(202);
        then(syncs).should().request("stable", "admin");
    }

    @Test
    void syncWithTheBearerTokenShouldStillBeAccepted() {
        given(syncs.request("stable", "admin")).willReturn(true);

        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminApiTest.TOKEN)).hasStatus(202);
    }

    @Test
    void syncWithAWrongBasicUserOrPasswordShouldBeUnauthorized() {
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, basic("admin", "wrong-password")))
                .hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, basic("root", AdminApiTest.TOKEN))).hasStatus(401);
        then(syncs).should(never()).request(anyString(), anyString());
    }

    @Test
    void unauthorizedAnswerShouldOfferBothSchemes() {
        MvcTestResult result = mvc.post().uri(SYNC).exchange();

        assertThat(result).hasStatus(401);
        assertThat(result.getResponse().getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer "))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Basic "));
    }
}
