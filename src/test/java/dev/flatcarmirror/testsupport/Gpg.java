package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The real {@code gpg}, in a home directory of its own, doing what {@code flatcar-install} does with what a mirror
 * serves: import the key, then {@code gpg --verify file.sig file}. Skipped without gpg, required under CI
 * ({@link Prerequisite}, {@code MIRROR_REQUIRE_GPG}).
 */
public final class Gpg {

    /** {@code gpg --verify}'s exit code and what it said (status lines and messages). */
    public record Result(int exitCode, String output) {

        public boolean verified() {
            return exitCode == 0;
        }
    }

    private final Path binary;
    private final Path home;

    private Gpg(Path binary, Path home) {
        this.binary = binary;
        this.home = home;
    }

    /**
     * Skips a whole class before anything of it starts (its application, say) when gpg is not installed, or fails it
     * where gpg is required: {@code @ExtendWith(Gpg.Installed.class)}.
     */
    public static final class Installed implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try {
                Prerequisite.require(find().isPresent(), "gpg", REQUIRE, INSTALL);
            } catch (TestAbortedException e) {
                return ConditionEvaluationResult.disabled(e.getMessage());
            }
            return ConditionEvaluationResult.enabled("gpg is installed");
        }
    }

    private static final String REQUIRE = "MIRROR_REQUIRE_GPG";
    private static final String INSTALL = "apt-get install gnupg";

    /** A gpg with an empty keyring; skips or fails the calling test when gpg is not installed. */
    public static Gpg require() {
        Optional<Path> binary = find();
        Prerequisite.require(binary.isPresent(), "gpg", REQUIRE, INSTALL);
        try {
            Path home = Files.createTempDirectory("gnupg-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new Gpg(binary.orElseThrow(), home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> find() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "gpg"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public void importKey(String armored) throws IOException, InterruptedException {
        Path key = Files.writeString(home.resolve("import.asc"), armored);
        Result result = run("--import", key.toString());
        assertThat(result.exitCode()).as("gpg --import: %s", result.output()).isZero();
    }

    /** {@code gpg --verify signature file}, on copies of the bytes in files of their own. */
    public Result verify(byte[] signature, byte[] file) throws IOException, InterruptedException {
        Path data = Files.createTempFile(home, "file-", "");
        Path sig = Files.createTempFile(home, "file-", ".sig");
        Files.write(data, file);
        Files.write(sig, signature);
        return run("--status-fd", "1", "--verify", sig.toString(), data.toString());
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--batch", "--no-tty", "--homedir", home.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gpg finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
