package dev.flatcarmirror.ignition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.util.unit.DataSize;

class IgnitionPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(IgnitionConfiguration.class);

    @Test
    void theDefaultLimitShouldBeOneMebibyte() {
        runner.run(context -> assertThat(context.getBean(IgnitionProperties.class).maxSize()).isEqualTo(DataSize.ofBytes(1024 * 1024)));
    }

    @Test
    void aLimitTheCatalogCannotHoldOrNoneAtAllShouldStopStartUpNamingTheProperty() {
        runner.withPropertyValues("mirror.ignition.max-size=16MB")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("mirror.ignition.max-size"));
        runner.withPropertyValues("mirror.ignition.max-size=0B")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxSize"));
    }
}
