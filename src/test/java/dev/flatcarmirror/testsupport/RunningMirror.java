package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties that run the whole application against a fake upstream: one {@code stable} channel,
 * a store of its own, the test key as the only trusted one, a fresh PostgreSQL schema, and no poll
 * after the one at start-up unless a test asks.
 */
public final class RunningMirror {

    private RunningMirror() {
    }

    public static void register(DynamicPropertyRegistry registry, FakeUpstream upstream, TestSigningKey key, Path storage) {
        PostgresTestDatabase.register(registry);
        Path keyFile = storage.resolveSibling(storage.getFileName() + "-key.asc");
        try {
            Files.writeString(keyFile, key.publicKeyArmored());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("mirror.channels[0].name", () -> "stable");
        registry.add("mirror.channels[0].base-url", () -> upstream.channelUrl("stable"));
        registry.add("mirror.poll-interval", () -> "1h");
        registry.add("mirror.storage.path", storage::toString);
        registry.add("mirror.signing.trusted-fingerprints", key::primaryFingerprint);
        registry.add("mirror.signing.key-url", () -> "");
        registry.add("mirror.signing.key-files", keyFile::toString);
    }

    public static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
