package dev.flatcarmirror.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding of {@code mirror.admin.*}: defaults, a forgiving trim, and refusals that never print the secret. */
class AdminPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void adminApiShouldBeDisabledByDefaultWithUserAdmin() {
        context.run(started -> {
            AdminProperties properties = started.getBean(AdminProperties.class);
            assertThat(properties.enabled()).isFalse();
            assertThat(properties.username()).isEqualTo("admin");
        });
    }

    @Test
    void tokenFromASecretFileShouldLoseItsTrailingNewline() {
        context.withPropertyValues("mirror.admin.token=0123456789abcdef0123\n").run(started -> {
            AdminProperties properties = started.getBean(AdminProperties.class);
            assertThat(properties.token()).isEqualTo("0123456789abcdef0123");
            assertThat(properties.toString()).doesNotContain("0123456789abcdef0123");
        });
    }

    @Test
    void shortTokenShouldStopStartUpNamingThePropertyButNotPrintingTheToken() {
        context.withPropertyValues("mirror.admin.token=tooShort42").run(started -> {
            assertThat(started).hasFailed();
            String failure = stackTrace(started.getStartupFailure());
            assertThat(failure).contains("mirror.admin.token must be empty (admin API disabled) or at least 16 characters");
            assertThat(failure).doesNotContain("tooShort42");
        });
    }

    @Test
    void tokenThatCannotBeSentAsABearerTokenShouldStopStartUp() {
        context.withPropertyValues("mirror.admin.token=has spaces inside the token").run(started -> assertThat(started).hasFailed());
    }

    @Test
    void userNameWithAColonShouldStopStartUp() {
        context.withPropertyValues("mirror.admin.username=ad:min").run(started -> assertThat(started).hasFailed());
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AdminProperties.class)
    static class Config {
    }
}
