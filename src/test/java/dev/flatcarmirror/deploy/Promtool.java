package dev.flatcarmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus' {@code promtool} (Debian's {@code prometheus} package; {@code .ci/run} installs it). Found on the
 * PATH like {@code dev.flatcarmirror.ops.PrometheusScrape} finds it. A test that needs it is skipped when it is
 * missing, except under CI ({@code CI} set), where a missing promtool fails the test instead of hiding the check.
 */
final class Promtool {

    private Promtool() {
    }

    static Optional<Path> find() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The promtool binary; skips the calling test without one, or fails it under CI. */
    static Path require() {
        Optional<Path> promtool = find();
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        Assumptions.assumeTrue(promtool.isPresent() || ci,
                "promtool is not installed (apt-get install prometheus); skipped outside CI");
        assertThat(promtool).as("promtool on the PATH (CI is set: .ci/run installs Debian's prometheus)").isPresent();
        return promtool.get();
    }

    /** Runs promtool with the arguments and asserts exit code 0; returns its output. */
    static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s exit code; output:\n%s", arguments[0] + " " + arguments[1], output)
                .isZero();
        return output;
    }
}
