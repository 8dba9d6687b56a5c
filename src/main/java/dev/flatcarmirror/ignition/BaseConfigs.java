package dev.flatcarmirror.ignition;

import dev.flatcarmirror.channel.Channels;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base configs, the mirror's counterpart of an OEM's {@code base.ign}: config {@code base} applies to every
 * machine, {@code base-{channel}} to machines booting that channel. A user config is then served as a
 * document whose {@code ignition.config.merge} lists the bases by this mirror's URL of their current version
 * (with its SHA-512, so Ignition checks what it fetched), then the user config itself, inline as a
 * {@code data:} URL, byte for byte as uploaded. Ignition merges children in order, the later overriding the
 * earlier (its operator notes, "Config Merging"), so the user's config wins over the bases as it does over
 * Flatcar's own base config. Ignition does the merging; the mirror never merges JSON itself.
 */
@Component
class BaseConfigs {

    static final String GLOBAL = "base";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final IgnitionConfigs configs;
    private final Channels channels;

    BaseConfigs(IgnitionConfigs configs, Channels channels) {
        this.configs = configs;
        this.channels = channels;
    }

    static Optional<String> channelBaseName(String channel) {
        return channel == null || channel.isEmpty() ? Optional.empty() : Optional.of(GLOBAL + "-" + channel)
                .filter(IgnitionConfigs::isValidName);
    }

    /** A base itself is served as stored: bases do not stack on bases. */
    boolean isBase(String name) {
        return name.equals(GLOBAL) || (name.startsWith(GLOBAL + "-") && channels.find(name.substring(GLOBAL.length() + 1)).isPresent());
    }

    /** The bytes a machine gets for {@code config}, booting {@code channel} (may be null). */
    byte[] served(String mirror, IgnitionConfigs.Servable config, String channel) {
        if (isBase(config.name())) {
            return config.content();
        }
        List<IgnitionConfigs.Servable> bases = new ArrayList<>();
        configs.current(GLOBAL).ifPresent(bases::add);
        channelBaseName(channel).flatMap(configs::current).ifPresent(bases::add);
        if (bases.isEmpty()) {
            return config.content();
        }
        ObjectNode document = JSON.createObjectNode();
        ObjectNode ignition = document.putObject("ignition");
        ignition.put("version", version(config.content()));
        ArrayNode merge = ignition.putObject("config").putArray("merge");
        for (IgnitionConfigs.Servable base : bases) {
            reference(merge, IgnitionConfigs.url(mirror, base.name(), "version=" + base.version(), base.token()), base.content());
        }
        reference(merge, "data:;base64," + Base64.getEncoder().encodeToString(config.content()), config.content());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    }

    private static void reference(ArrayNode merge, String source, byte[] content) {
        ObjectNode entry = merge.addObject();
        entry.put("source", source);
        // SHA-512: the one hash spec 3.0.0 knows, so the document works whatever version the user wrote.
        entry.putObject("verification").put("hash", "sha512-" + IgnitionConfigs.sha512(content));
    }

    /** The document is the user's spec version, which the machines' Ignition is known to accept. */
    private static String version(byte[] content) {
        JsonNode version = JSON.readTree(content).path("ignition").path("version");
        return version.isString() ? version.asString() : IgnitionSpec.V3_0.version();
    }
}
