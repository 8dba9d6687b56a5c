package dev.flatcarmirror.ignition;

import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configs: changed through the admin API, read by machines. Names {@code base}, {@code base-{channel}} and
 * {@code default} have roles (see {@link BaseConfigs}); otherwise a name is the user's. What a machine may
 * have is decided here, once, for the config URL and for the boot scripts that carry it.
 */
@Service
@Transactional
public class IgnitionConfigs {

    private static final Logger log = LoggerFactory.getLogger(IgnitionConfigs.class);

    /** Also what can safely stand in a URL path, a kernel command line and an iPXE script. */
    public static final String NAME = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    public static final String DEFAULT = "default";

    private final IgnitionConfigRepository configs;
    private final IgnitionConfigVersionRepository versions;
    private final ConfigValidator validator;
    private final Clock clock;

    IgnitionConfigs(IgnitionConfigRepository configs, IgnitionConfigVersionRepository versions, IgnitionProperties properties, Clock clock) {
        this.configs = configs;
        this.versions = versions;
        this.validator = new ConfigValidator(properties.maxSize().toBytes());
        this.clock = clock;
    }

    public static boolean isValidName(String name) {
        return name != null && NAME_PATTERN.matcher(name).matches();
    }

    /** What a PUT did. */
    record Stored(String name, int version, String sha256, String token, boolean created, boolean changed) {
    }

    /**
     * Validates and stores a new version; the stored one is untouched when the content is refused.
     *
     * @param access   null: keep what the config has (a new config is open)
     * @param networks null: keep what the config has
     */
    Stored put(String name, byte[] content, String reason, Access access, Networks networks) {
        requireName(name);
        ConfigValidator.Result result = validator.validate(content);
        if (!result.valid()) {
            throw new InvalidConfigException(name, result.errors());
        }
        Instant now = clock.instant();
        Optional<IgnitionConfig> existing = configs.findByName(name);
        boolean created = existing.map(IgnitionConfig::isDeleted).orElse(true);
        IgnitionConfig config = existing.orElseGet(() -> configs.save(new IgnitionConfig(name)));
        String sha256 = sha256(content);
        String currentSha256 = current(config).map(IgnitionConfigVersion::sha256).orElse(null);
        boolean changed = created || !sha256.equals(currentSha256);
        if (changed) {
            versions.save(config.newVersion(result.text(), sha256, reason == null || reason.isBlank() ? null : reason.strip(), now, currentSha256));
        }
        if (access == Access.TOKEN) {
            config.requireToken(AccessTokens.generate());
        } else if (access == Access.OPEN) {
            config.openToAnyoneWithTheUrl();
        }
        if (networks != null) {
            config.restrictTo(networks);
        }
        log.info("Ignition config {} {} (version {}, {} bytes, sha256 {})", name, created ? "created" : changed ? "changed" : "unchanged",
                config.currentVersion(), content.length, sha256);
        return new Stored(name, config.currentVersion(), sha256, config.accessToken(), created, changed);
    }

    @Transactional(readOnly = true)
    List<ConfigSummary> list() {
        return configs.findByDeletedAtIsNullOrderByName().stream().map(this::summary).toList();
    }

    @Transactional(readOnly = true)
    public ConfigSummary summary(String name) {
        return summary(live(name));
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<VersionView> history(String name) {
        return versions.findByConfigIdOrderByVersionDesc(live(name).id()).stream().map(IgnitionConfigVersion::view).toList();
    }

    @Transactional(readOnly = true)
    public String content(String name, int version) {
        IgnitionConfig config = live(name);
        return versions.findByConfigIdAndVersion(config.id(), version).map(IgnitionConfigVersion::content)
                .orElseThrow(() -> new NotFoundException("Unknown version", "config '" + name + "' has no version " + version));
    }

    void delete(String name) {
        live(name).markDeleted(clock.instant());
        log.info("Ignition config {} deleted; its versions are kept", name);
    }

    Stored rotateToken(String name) {
        IgnitionConfig config = live(name);
        config.rotateToken(AccessTokens.generate());
        IgnitionConfigVersion current = current(config).orElseThrow();
        log.info("Ignition config {}: token rotated", name);
        return new Stored(name, config.currentVersion(), current.sha256(), config.accessToken(), false, false);
    }

    /** Whether a live config of this name exists; for profiles that name one. */
    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return isValidName(name) && configs.findByName(name).filter(config -> !config.isDeleted()).isPresent();
    }

    /**
     * The config's URL for a boot script, when this client may be handed it: the client is inside the config's
     * networks, and, if the config needs a token, it presented it or the config's networks vouch for it
     * (a script must not give the token to anyone who merely knows a MAC address). Empty otherwise, which the
     * caller answers as 404, like an unknown name.
     *
     * @param channel the channel being booted, so that its base config applies
     */
    @Transactional(readOnly = true)
    public Optional<String> machineUrl(String base, String name, String channel, String remoteAddress, String presentedToken) {
        Optional<IgnitionConfig> found = isValidName(name) ? configs.findByName(name).filter(config -> !config.isDeleted()) : Optional.empty();
        boolean inside = found.map(config -> config.networks().allows(remoteAddress)).orElse(false);
        boolean tokenOk = AccessTokens.matches(found.map(IgnitionConfig::accessToken).orElse(null), presentedToken);
        boolean vouched = found.map(config -> config.accessToken() == null || tokenOk || !config.networks().isAny()).orElse(false);
        if (found.isEmpty() || !inside || !vouched) {
            return Optional.empty();
        }
        String query = BaseConfigs.channelBaseName(channel).filter(this::exists).map(ignored -> "channel=" + channel).orElse(null);
        return Optional.of(url(base, name, query, found.get().accessToken()));
    }

    /**
     * The machine URL of a live config as a page may show it: its token, if it needs one, as {@code <redacted>}.
     * Empty when there is no such config.
     */
    @Transactional(readOnly = true)
    public Optional<String> pageUrl(String base, String name, String channel) {
        if (!exists(name)) {
            return Optional.empty();
        }
        IgnitionConfig config = configs.findByName(name).orElseThrow();
        String query = BaseConfigs.channelBaseName(channel).filter(this::exists).map(ignored -> "channel=" + channel).orElse(null);
        return Optional.of(redact(url(base, name, query, config.accessToken())));
    }

    /** {@code ?token=…} becomes {@code ?token=<redacted>}, for anything a person may screenshot or paste. */
    public static String redact(String url) {
        return AccessTokens.redact(url);
    }

    /** The machine URL of a config: {@code {base}/ignition/{name}.ign}, then {@code query}, then its token if it needs one. */
    static String url(String base, String name, String query, String token) {
        StringBuilder url = new StringBuilder(base).append(MirrorPaths.ignitionConfig(name));
        if (query != null) {
            url.append('?').append(query);
        }
        if (token != null) {
            url.append(query == null ? '?' : '&').append("token=").append(token);
        }
        return url.toString();
    }

    /** A config as a machine asks for it; empty (404) when it is unknown, deleted, or this client may not have it. */
    @Transactional(readOnly = true)
    Optional<Servable> servable(String name, Integer version, String remoteAddress, String presentedToken) {
        Optional<IgnitionConfig> found = isValidName(name) ? configs.findByName(name).filter(config -> !config.isDeleted()) : Optional.empty();
        // Both checks run whatever the first found, so that a refusal takes as long as an unknown name.
        boolean inside = found.map(config -> config.networks().allows(remoteAddress)).orElse(false);
        boolean tokenOk = AccessTokens.matches(found.map(IgnitionConfig::accessToken).orElse(null), presentedToken);
        if (found.isEmpty() || !inside || !tokenOk) {
            // The same line, at a level off by default, for every refusal: writing a log line only for names that
            // exist would make them answer measurably slower than unknown ones.
            log.debug("Ignition config {} refused to {}", dev.flatcarmirror.Untrusted.shown(name), remoteAddress);
            return Optional.empty();
        }
        IgnitionConfig config = found.get();
        return versions.findByConfigIdAndVersion(config.id(), version == null ? config.currentVersion() : version)
                .map(row -> new Servable(config.name(), row.version(), row.bytes(), config.accessToken()));
    }

    /** The current version of a live config, for base configs referenced by another. */
    @Transactional(readOnly = true)
    Optional<Servable> current(String name) {
        return configs.findByName(name).filter(config -> !config.isDeleted())
                .flatMap(config -> current(config).map(row -> new Servable(config.name(), row.version(), row.bytes(), config.accessToken())));
    }

    /** A stored version's bytes, with the token its URL needs. */
    record Servable(String name, int version, byte[] content, String token) {
    }

    private Optional<IgnitionConfigVersion> current(IgnitionConfig config) {
        return config.hasVersions() ? versions.findByConfigIdAndVersion(config.id(), config.currentVersion()) : Optional.empty();
    }

    private ConfigSummary summary(IgnitionConfig config) {
        IgnitionConfigVersion current = current(config).orElseThrow();
        return new ConfigSummary(config.name(), config.currentVersion(), current.sha256(), current.view().size(), config.updatedAt(),
                config.accessToken(), config.networks().entries());
    }

    private IgnitionConfig live(String name) {
        requireName(name);
        return configs.findByName(name).filter(config -> !config.isDeleted()).orElseThrow(() -> unknown(name));
    }

    /** The one 404 of a config a client may not have, whether it exists or not. */
    public static NotFoundException unknown(String name) {
        return new NotFoundException("Unknown Ignition config", "no Ignition config '" + dev.flatcarmirror.Untrusted.shown(name) + "' here");
    }

    private static void requireName(String name) {
        if (!isValidName(name)) {
            throw InvalidConfigException.badParameter(String.valueOf(name), "name", "a config name is 1 to 63 lowercase letters, digits, "
                    + "'-' and '_', starting with a letter or digit");
        }
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256", content));
    }

    static String sha512(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-512", content));
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is in every JVM", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
