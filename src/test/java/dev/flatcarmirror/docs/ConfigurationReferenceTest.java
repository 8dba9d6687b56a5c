package dev.flatcarmirror.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.release.InternalChannelProperties;
import dev.flatcarmirror.release.ReleaseControlProperties;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The README's settings tables against what the code does: every {@code mirror.*} property the
 * configuration processor found is documented, nothing documented is gone, and each documented default
 * is the one the code binds. The per-channel settings live in a list the processor does not descend
 * into, so those defaults are checked by binding a channel.
 */
class ConfigurationReferenceTest {

    /** Defaults the code computes rather than declares, with what the README must say of them. */
    private static final Map<String, String> COMPUTED = Map.of(
            "mirror.channels", "alpha, beta, stable, lts",
            "mirror.internal-channels", "none",
            "mirror.signing.key-files", "none");

    private final Map<String, Readme.Setting> documented = Readme.settings().stream()
            .collect(Collectors.toMap(Readme.Setting::property, setting -> setting, (first, second) -> first, LinkedHashMap::new));

    @Test
    void everyConfigurationPropertyShouldBeDocumentedWithItsDefault() throws IOException {
        Map<String, JsonNode> metadata = metadata();

        assertThat(metadata).as("configuration metadata from spring-boot-configuration-processor").isNotEmpty();
        for (Map.Entry<String, JsonNode> property : metadata.entrySet()) {
            String name = property.getKey();
            assertThat(documented).as("README documents %s", name).containsKey(name);
            String readmeDefault = documented.get(name).defaultValue();
            JsonNode declared = property.getValue().get("defaultValue");
            if (COMPUTED.containsKey(name)) {
                assertThat(readmeDefault).as("README default of %s", name).isEqualTo(COMPUTED.get(name));
            } else {
                assertThat(declared).as("%s declares a default (@DefaultValue) or is listed as computed", name).isNotNull();
                assertThat(readmeDefault).as("README default of %s", name).isEqualTo(shown(declared));
            }
        }
    }

    @Test
    void everyDocumentedMirrorPropertyShouldExist() throws IOException {
        Set<String> known = metadata().keySet();

        assertThat(documented.keySet().stream().filter(name -> name.startsWith("mirror.") && !name.startsWith("mirror.channels[i].")
                        && !name.startsWith("mirror.internal-channels[i].")))
                .as("documented properties that the code no longer has")
                .allSatisfy(name -> assertThat(known).contains(name));
    }

    @Test
    void documentedChannelDefaultsShouldBeWhatAChannelBindsTo() {
        ChannelProperties stable = bindChannel("stable");

        assertThat(documented.get("mirror.channels[i].boards").defaultValue()).isEqualTo(String.join(", ", stable.boards()));
        assertThat(documented.get("mirror.channels[i].artifacts").defaultValue()).isEqualTo(String.join(", ", stable.artifacts()));
        assertThat(documented.get("mirror.channels[i].allow-any-stage").defaultValue()).isEqualTo(String.valueOf(stable.allowAnyStage()));
        assertThat(documented.get("mirror.channels[i].max-age").defaultValue()).isEqualTo(
                "%dd alpha/beta, %dd stable, %dd lts".formatted(days(bindChannel("alpha")), days(stable), days(bindChannel("lts"))));
        assertThat(bindChannel("beta").maxAge()).isEqualTo(bindChannel("alpha").maxAge());
        assertThat(documented.get("mirror.channels[i].base-url").defaultValue()).isEqualTo("https://{name}.release.flatcar-linux.net");
        assertThat(documented.get("mirror.channels[i].retention.keep").defaultValue()).isEqualTo(String.valueOf(stable.retention().keep()));
        assertThat(stable.retention().keepFor()).isNull();
        assertThat(documented.get("mirror.channels[i].retention.keep-for").defaultValue()).isEqualTo("none");
        assertThat(stable.configuredStreams()).as("streams unset: the default, lts-info for lts").isEmpty();
        assertThat(documented.get("mirror.channels[i].streams").defaultValue())
                .startsWith(dev.flatcarmirror.channel.Streams.CURRENT).contains("lts", "current-YYYY", "lts-info");
        assertThat(new MirrorProperties(List.of(), Duration.ofMinutes(10)).channel("stable").orElseThrow().baseUrl())
                .isEqualTo("https://stable.release.flatcar-linux.net");
    }

    @Test
    void documentedInternalChannelDefaultsShouldBeWhatAnInternalChannelBindsTo() {
        InternalChannelProperties prod = new Binder(new MapConfigurationPropertySource(Map.of(
                "mirror.internal-channels[0].name", "prod", "mirror.internal-channels[0].follows", "stable")))
                .bind("mirror", ReleaseControlProperties.class).get().internalChannels().get(0);

        assertThat(documented.get("mirror.internal-channels[i].soak").defaultValue()).isEqualTo(prod.soak().toSeconds() + "s");
        assertThat(documented.get("mirror.internal-channels[i].approval").defaultValue()).isEqualTo(String.valueOf(prod.approval()));
        assertThat(prod.boards()).as("empty: the followed channel's").isEmpty();
        assertThat(documented.get("mirror.internal-channels[i].boards").defaultValue()).isEqualTo("the followed channel's");
        assertThat(documented).containsKeys("mirror.internal-channels[i].name", "mirror.internal-channels[i].follows");
    }

    private static ChannelProperties bindChannel(String name) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "mirror.channels[0].name", name, "mirror.channels[0].base-url", "https://" + name + ".example"));
        return new Binder(source).bind("mirror", MirrorProperties.class).get().channels().get(0);
    }

    private static long days(ChannelProperties channel) {
        return channel.maxAge().toDays();
    }

    /** A default as the README writes it: lists comma-separated, an empty string as "empty". */
    private static String shown(JsonNode value) {
        if (value.isArray()) {
            return value.valueStream().map(JsonNode::asString).collect(Collectors.joining(", "));
        }
        String text = value.asString();
        return text.isEmpty() ? "empty" : text;
    }

    private static Map<String, JsonNode> metadata() throws IOException {
        try (InputStream in = ConfigurationReferenceTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("mirror.")) {
                    properties.put(name, property);
                }
            }
            return properties;
        }
    }
}
