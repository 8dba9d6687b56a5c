package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.flatcarmirror.admin.AdminSecurityConfiguration;
import dev.flatcarmirror.testsupport.TestSigningKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The effective key for {@code flatcar-install -k}, behind the application's real security chains: public, never cached long. */
@WebMvcTest(controllers = SigningKeyController.class, properties = "mirror.admin.token=0123456789abcdef0123456789abcdef")
@Import(AdminSecurityConfiguration.class)
class SigningKeyControllerTest {

    private static final String KEY = "/keys/signing-key.asc";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SigningKeyring keyring;

    @Test
    void signingKeyShouldBeServedArmoredAsPgpKeysToAnyone() {
        String armored = TestSigningKey.generate().publicKeyArmored();
        given(keyring.armored()).willReturn(armored);

        assertThat(mvc.get().uri(KEY)).hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.parseMediaType("application/pgp-keys"))
                .hasHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .hasHeader("X-Content-Type-Options", "nosniff")
                .hasBodyTextEqualTo(armored);
    }

    @Test
    void signingKeyWhenNoKeyIsKnownShouldAnswerServiceUnavailableAsAProblem() {
        given(keyring.armored()).willReturn("");

        assertThat(mvc.get().uri(KEY)).hasStatus(503).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").asNumber().isEqualTo(503);
    }
}
