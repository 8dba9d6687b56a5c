package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A bad storage setting stops start-up with a message that names it. */
class StoragePropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsShouldBeTheFilesystemStoreWithS3Unset() {
        runner.run(context -> {
            StorageProperties properties = context.getBean(StorageProperties.class);
            assertThat(properties.type()).isEqualTo(StorageProperties.Type.FILESYSTEM);
            assertThat(properties.s3().bucket()).isEmpty();
            assertThat(properties.s3().redirect()).isFalse();
        });
    }

    @Test
    void s3ShouldBindFromTheNamesTheChartSets() {
        runner.withPropertyValues("mirror.storage.type=s3", "mirror.storage.s3.bucket=images", "mirror.storage.s3.path-style=true",
                        "mirror.storage.s3.prefix=flatcar/", "mirror.storage.s3.redirect=true")
                .run(context -> {
                    StorageProperties properties = context.getBean(StorageProperties.class);
                    assertThat(properties.type()).isEqualTo(StorageProperties.Type.S3);
                    assertThat(properties.s3().pathStyle()).isTrue();
                    assertThat(properties.s3().prefix()).isEqualTo("flatcar/");
                    assertThat(properties.s3().redirect()).isTrue();
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mirror.storage.type=s3                              | mirror.storage.s3.bucket",
            "mirror.storage.type=azure                           | mirror.storage.type",
            "mirror.storage.s3.prefix=flatcar                    | prefix",
            "mirror.storage.s3.prefix=/flatcar/                  | prefix",
            "mirror.storage.s3.endpoint=minio:9000               | endpoint",
            "mirror.storage.s3.part-size=1MB                     | partSize",
            "mirror.storage.s3.redirect-expiry=30d               | redirectExpiry"})
    void badValueShouldStopStartUpNamingTheProperty(String property, String name) {
        runner.withPropertyValues("mirror.storage.s3.bucket=", property)
                .run(context -> {
                    assertThat(context).hasFailed();
                    StringBuilder messages = new StringBuilder();
                    for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
                        messages.append(cause.getMessage()).append('\n');
                    }
                    assertThat(messages).contains(name);
                });
    }
}
