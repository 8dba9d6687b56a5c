package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.PostgresTestDatabase;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties of a whole mirror against a fake upstream, as in MirrorEndToEndTest: a real
 * PostgreSQL, a temporary object store, and the test key as the only trusted one.
 */
final class RunningMirror {

    /** A channel to configure: its name and boards, all served by the fake upstream. */
    record ChannelConfig(String name, List<String> boards) {
    }

    private RunningMirror() {
    }

    static void register(DynamicPropertyRegistry registry, FakeUpstream upstream, TestSigningKey key, ChannelConfig... channels) {
        PostgresTestDatabase.register(registry);
        Path storage = temporaryDirectory("mirror-pages-");
        Path keyFile = write(storage.resolveSibling(storage.getFileName() + "-key.asc"), key.publicKeyArmored());
        for (int i = 0; i < channels.length; i++) {
            String prefix = "mirror.channels[" + i + "].";
            ChannelConfig channel = channels[i];
            registry.add(prefix + "name", channel::name);
            registry.add(prefix + "base-url", () -> upstream.channelUrl(channel.name()));
            registry.add(prefix + "boards", () -> String.join(",", channel.boards()));
        }
        registry.add("mirror.poll-interval", () -> "1h");
        registry.add("mirror.storage.path", storage::toString);
        registry.add("mirror.signing.trusted-fingerprints", key::primaryFingerprint);
        registry.add("mirror.signing.key-url", () -> "");
        registry.add("mirror.signing.key-files", keyFile::toString);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
