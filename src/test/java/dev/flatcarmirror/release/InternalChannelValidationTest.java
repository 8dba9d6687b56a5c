package dev.flatcarmirror.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.MirrorProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Internal channels share the namespace of the mirrored ones and must follow one: a bad configuration stops start-up naming the property. */
class InternalChannelValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MirrorProperties.class, ReleaseControlProperties.class})
    @Import({Channels.class, ServedChannels.class})
    static class Setup {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Setup.class)
            .withPropertyValues("mirror.channels[0].name=stable", "mirror.channels[0].base-url=https://stable.example",
                    "mirror.channels[0].boards=amd64-usr,arm64-usr");

    @Test
    void aValidInternalChannelShouldBeServedWithTheFollowedChannelsBoardsAndDefaults() {
        runner.withPropertyValues("mirror.internal-channels[0].name=prod", "mirror.internal-channels[0].follows=stable")
                .run(context -> {
                    ServedChannels channels = context.getBean(ServedChannels.class);
                    assertThat(channels.all()).extracting(ChannelProperties::name).containsExactly("stable", "prod");
                    assertThat(channels.channel("prod").boards()).containsExactly("amd64-usr", "arm64-usr");
                    InternalChannel prod = channels.internalChannel("prod").orElseThrow();
                    assertThat(prod.soak()).isEqualTo(Duration.ZERO);
                    assertThat(prod.approval()).isFalse();
                    assertThat(channels.isInternal("stable")).isFalse();
                });
    }

    @Test
    void withoutInternalChannelsOnlyTheMirroredOnesShouldBeServed() {
        runner.run(context -> assertThat(context.getBean(ServedChannels.class).internalChannels()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name=stable       | follows=stable | mirror.internal-channels[0].name: 'stable' is already the name of a mirrored channel",
            "name=channels     | follows=stable | mirror.internalChannels[0].name",
            "name=ipxe         | follows=stable | mirror.internalChannels[0].name",
            "name=Prod         | follows=stable | mirror.internalChannels[0].name",
            "name=prod         | follows=edge   | mirror.internal-channels[0].follows: 'edge' is not a mirrored channel",
            "name=prod         | boards=x86     | mirror.internal-channels[0].boards: 'x86' is not mirrored for channel 'stable'",
            "name=prod         | soak=-1d       | mirror.internalChannels[0].soak"})
    void badInternalChannelShouldStopStartUpNamingTheProperty(String first, String second, String message) {
        String follows = second.startsWith("follows=") ? "" : "mirror.internal-channels[0].follows=stable";
        runner.withPropertyValues("mirror.internal-channels[0]." + first, "mirror.internal-channels[0]." + second, follows)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
    }

    @Test
    void twoInternalChannelsOfTheSameNameShouldStopStartUp() {
        runner.withPropertyValues("mirror.internal-channels[0].name=prod", "mirror.internal-channels[0].follows=stable",
                        "mirror.internal-channels[1].name=prod", "mirror.internal-channels[1].follows=stable")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mirror.internal-channels[1].name: 'prod' is already the name of another internal channel"));
    }
}
