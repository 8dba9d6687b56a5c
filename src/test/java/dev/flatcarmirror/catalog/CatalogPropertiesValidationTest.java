package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A bad change-check interval stops start-up with a message that names it. */
class CatalogPropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CatalogProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void theDefaultShouldBeOneSecond() {
        runner.run(context -> assertThat(context.getBean(CatalogProperties.class).changeCheckInterval()).isEqualTo(Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "10ms", "1h", "soon"})
    void aBadIntervalShouldStopStartUpNamingTheProperty(String value) {
        runner.withPropertyValues("mirror.catalog.change-check-interval=" + value).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertThat(messages.toString()).containsAnyOf("changeCheckInterval", "change-check-interval");
        });
    }
}
