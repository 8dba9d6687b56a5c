package dev.flatcarmirror.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.upstream.DownloadProperties;
import dev.flatcarmirror.verify.SigningProperties;
import java.time.Duration;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A bad configuration stops start-up with a message that names the property. */
class MirrorPropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MirrorProperties.class, SigningProperties.class, DownloadProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsShouldMirrorTheFourOfficialChannelsEveryTenMinutes() {
        runner.run(context -> {
            MirrorProperties mirror = context.getBean(MirrorProperties.class);
            assertThat(mirror.channels()).extracting(ChannelProperties::name).containsExactly("alpha", "beta", "stable", "lts");
            assertThat(mirror.channel("stable").orElseThrow().baseUrl()).isEqualTo("https://stable.release.flatcar-linux.net");
            assertThat(mirror.channel("stable").orElseThrow().boards()).containsExactly("amd64-usr");
            assertThat(mirror.channel("stable").orElseThrow().artifacts()).hasSize(3);
            assertThat(mirror.pollInterval()).isEqualTo(Duration.ofMinutes(10));
            assertThat(context.getBean(SigningProperties.class).trustedFingerprints())
                    .containsExactly("F88CFEDEFF29A5B4D9523864E25D9AED0593B34A");
        });
    }

    @Test
    void shortPollIntervalShouldBeAccepted() {
        runner.withPropertyValues("mirror.poll-interval=2s")
                .run(context -> assertThat(context.getBean(MirrorProperties.class).pollInterval()).isEqualTo(Duration.ofSeconds(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mirror.channels[0].name=channels            | mirror.channels[0].name",
            "mirror.channels[0].name=actuator            | mirror.channels[0].name",
            "mirror.channels[0].name=Stable              | mirror.channels[0].name",
            "mirror.channels[0].name=ignition            | mirror.channels[0].name",
            "mirror.channels[0].name=ipxe                | mirror.channels[0].name",
            "mirror.channels[0].name=streams             | mirror.channels[0].name",
            "mirror.public-url=http://mirror.example/    | mirror.publicUrl",
            "mirror.public-url=http://m${x}.example      | mirror.publicUrl",
            "mirror.public-url=http://m.example/a b      | mirror.publicUrl",
            "mirror.public-url=ftp://mirror.example      | mirror.publicUrl",
            "mirror.channels[0].base-url=ftp://example   | mirror.channels[0].baseUrl",
            "mirror.channels[0].boards[0]=../amd64       | mirror.channels[0].boards[0]",
            "mirror.channels[0].artifacts[0]=../x        | mirror.channels[0].artifacts[0]",
            "mirror.channels[0].artifacts[0]=image.sig   | mirror.channels[0].artifacts[0]",
            "mirror.channels[0].retention.keep=0         | mirror.channels[0].retention.keep",
            "mirror.channels[0].retention.keep-for=0s    | mirror.channels[0].retention.keepFor",
            "mirror.channels[0].streams[0]=current-24    | mirror.channels[0].streams[0]",
            "mirror.channels[0].streams[0]=../current    | mirror.channels[0].streams[0]",
            "mirror.channels[0].streams=current-2024     | mirror.channels[0].streams",
            "mirror.channels[0].streams=current,current  | mirror.channels[0].streams",
            "mirror.poll-interval=0s                     | mirror.pollInterval",
            "mirror.signing.trusted-fingerprints[0]=abc  | mirror.signing.trustedFingerprints[0]",
            "mirror.signing.key-url=file:///etc/key.asc  | mirror.signing.keyUrl",
            "mirror.signing.refresh-interval=0s          | mirror.signing.refreshInterval",
            "mirror.download.retry-backoff=-1s           | mirror.download.retryBackoff",
            "mirror.download.connect-timeout=30d         | mirror.download.connectTimeout",
            "mirror.download.max-artifact-size=0B        | mirror.download.maxArtifactSize",
            "mirror.download.min-rate=-1KB               | mirror.download.minRate"})
    void badValueShouldStopStartUpNamingTheProperty(String property, String name) {
        runner.withPropertyValues("mirror.channels[0].name=stable", "mirror.channels[0].base-url=https://stable.example", property)
                .run(context -> {
                    assertThat(context).hasFailed();
                    // Spring Boot writes a record component in its Java spelling: mirror.signing.refreshInterval.
                    assertThat(startUpReport(context.getStartupFailure())).contains("Property: " + name).contains("Reason: ");
                });
    }

    /** What Spring Boot prints when start-up fails: the analysis of the first failure analyzer that knows the failure. */
    private static String startUpReport(Throwable failure) {
        SpringFactoriesLoader.ArgumentResolver noContext = SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, null)
                .and(Environment.class, null);
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, noContext, SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(MirrorPropertiesValidationTest.class)))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription() + "\n" + analysis.getAction();
            }
        }
        return "(no failure analyzer knows " + failure + ")";
    }

    @Test
    void aPublicUrlOfSafeCharactersShouldBeAccepted() {
        runner.withPropertyValues("mirror.public-url=https://mirror.example:8443/flatcar", "mirror.channels[0].name=stable",
                        "mirror.channels[0].base-url=https://stable.example")
                .run(context -> assertThat(context.getBean(MirrorProperties.class).publicUrl()).isEqualTo("https://mirror.example:8443/flatcar"));
    }

    @Test
    void streamsShouldDefaultToLtsInfoForLtsOnlyAndAnExplicitListShouldWin() {
        runner.withPropertyValues("mirror.channels[0].name=lts", "mirror.channels[0].base-url=https://lts.example",
                        "mirror.channels[1].name=stable", "mirror.channels[1].base-url=https://stable.example",
                        "mirror.channels[2].name=lts-pinned", "mirror.channels[2].base-url=https://lts.example",
                        "mirror.channels[2].streams=current,current-2024")
                .run(context -> {
                    MirrorProperties mirror = context.getBean(MirrorProperties.class);
                    assertThat(Streams.discoversFromLtsInfo(mirror.channel("lts").orElseThrow())).isTrue();
                    assertThat(Streams.discoversFromLtsInfo(mirror.channel("stable").orElseThrow())).isFalse();
                    assertThat(mirror.channel("stable").orElseThrow().configuredStreams()).isEmpty();
                    ChannelProperties pinned = mirror.channel("lts-pinned").orElseThrow();
                    assertThat(pinned.configuredStreams()).hasValue(java.util.List.of("current", "current-2024"));
                    assertThat(Streams.discoversFromLtsInfo(pinned)).isFalse();
                });
    }

    @Test
    void aStreamsListWithoutCurrentShouldStopStartUpSayingSo() {
        runner.withPropertyValues("mirror.channels[0].name=lts", "mirror.channels[0].base-url=https://lts.example",
                        "mirror.channels[0].streams=current-2024")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mirror.channels[0]").hasMessageContaining("streams must list current"));
    }

    @Test
    void duplicateChannelNamesShouldStopStartUp() {
        runner.withPropertyValues("mirror.channels[0].name=stable", "mirror.channels[0].base-url=https://a.example",
                        "mirror.channels[1].name=stable", "mirror.channels[1].base-url=https://b.example")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("channel names must be unique"));
    }
}
