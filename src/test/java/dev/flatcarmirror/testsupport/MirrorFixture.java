package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What a test of the running application needs: a signing key made for the test, a fake
 * upstream serving channel {@code stable}, an object store directory, and the properties that
 * point the application at them. {@link MirrorApplicationTest} makes one per application context;
 * a test that starts the application itself (in another JVM) makes its own.
 */
public final class MirrorFixture implements AutoCloseable {

    public static final String CHANNEL = "stable";
    public static final String BOARD = "amd64-usr";
    /** The admin API's token in every application a fixture configures ({@link MirrorHttp#admin()}). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private final TestSigningKey key = TestSigningKey.generate();
    private final FakeUpstream upstream = FakeUpstream.start();
    private final Path storage;
    private final List<String> fingerprints = new ArrayList<>();
    private final List<String> keyFiles = new ArrayList<>();
    private final Map<String, List<String>> channels = new LinkedHashMap<>();
    private final Map<String, String> channelSettings = new LinkedHashMap<>();
    private final Map<String, String> extra = new LinkedHashMap<>();

    public MirrorFixture() {
        storage = temporaryDirectory("mirror-objects-");
        trust(key.primaryFingerprint(), key.publicKeyArmored());
    }

    /** Mirrors this channel of the fake upstream with these boards; without any, {@code stable} with {@code amd64-usr}. */
    public MirrorFixture channel(String name, String... boards) {
        channels.put(name, List.of(boards));
        return this;
    }

    /** Also trusts this primary, read from this armored certificate (which may carry revocations). */
    public MirrorFixture trust(String primaryFingerprint, String armoredCertificate) {
        try {
            Path file = Files.writeString(Files.createTempFile("mirror-key-", ".asc"), armoredCertificate);
            fingerprints.add(primaryFingerprint);
            keyFiles.add(file.toString());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets {@code mirror.channels[i].<name>} for every channel, such as {@code retention.keep}. A test's own
     * {@code properties} cannot: Spring binds the channel list from one property source, the fixture's.
     */
    public MirrorFixture channelSetting(String name, String value) {
        channelSettings.put(name, value);
        return this;
    }

    /**
     * Sets an application property whose value depends on the fixture, such as a URL of its upstream: what a
     * {@link MirrorApplicationTest#beforeStart} cannot write into {@link MirrorApplicationTest#properties}.
     */
    public MirrorFixture property(String name, String value) {
        extra.put(name, value);
        return this;
    }

    /** The mirror's own properties (without the datasource); polling is left to the test ({@code PollScheduler.pollNow}). */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, List<String>> channel : channels().entrySet()) {
            String prefix = "mirror.channels[" + index++ + "].";
            properties.put(prefix + "name", channel.getKey());
            properties.put(prefix + "base-url", upstream.channelUrl(channel.getKey()));
            properties.put(prefix + "boards", String.join(",", channel.getValue()));
            channelSettings.forEach((name, value) -> properties.put(prefix + name, value));
        }
        properties.put("mirror.poll-interval", "1h");
        // Retries stay on, but without the production pauses between them.
        properties.put("mirror.download.retry-backoff", "10ms");
        properties.put("mirror.storage.path", storage.toString());
        properties.put("mirror.signing.trusted-fingerprints", String.join(",", fingerprints));
        properties.put("mirror.signing.key-url", "");
        properties.put("mirror.signing.key-files", String.join(",", keyFiles));
        properties.put("mirror.admin.token", ADMIN_TOKEN);
        properties.putAll(extra);
        return properties;
    }

    /** The mirrored channels with their boards. */
    public Map<String, List<String>> channels() {
        return channels.isEmpty() ? Map.of(CHANNEL, List.of(BOARD)) : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /**
     * Publishes a release of {@code board} ({@code channel/board}, as in {@link MirrorApplicationTest#boards}) upstream,
     * signed by the fixture's key, and points upstream's {@code current/} at it.
     */
    public FakeUpstream.Release publish(String board, String version, Map<String, byte[]> artifacts) {
        String[] channelAndBoard = board.split("/", 2);
        return upstream.publishRelease(channelAndBoard[0], channelAndBoard[1], version, key, artifacts, true);
    }

    public TestSigningKey key() {
        return key;
    }

    public FakeUpstream upstream() {
        return upstream;
    }

    public Path storage() {
        return storage;
    }

    /** Deletes every file in the object store directory, leaving its folders. */
    void emptyStorage() {
        try (Stream<Path> paths = Files.walk(storage)) {
            // Staging lock files belong to the running store, which keeps using its folder.
            for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".lock"))::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
