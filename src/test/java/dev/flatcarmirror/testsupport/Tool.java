package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A real command-line tool a test runs as a user would; missing, it fails the test on CI ({@code CI=true}) and skips it elsewhere. */
public final class Tool {

    /** What a run printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private Tool() {
    }

    public static Result run(String debianPackage, String... command) throws IOException, InterruptedException {
        boolean installed = Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command[0])));
        if (!installed) {
            assertThat("true".equals(System.getenv("CI"))).as("%s must be installed on CI (apt-get install %s)", command[0], debianPackage)
                    .isFalse();
            Assumptions.abort(command[0] + " is not installed (apt-get install " + debianPackage + ")");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
