package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The application in a JVM of its own, on the test classpath, so that it can really be killed. */
public final class MirrorProcess implements AutoCloseable {

    private final Process process;
    private final MirrorHttp http;
    private final Path log;

    private MirrorProcess(Process process, int port, Path log) {
        this.process = process;
        this.http = new MirrorHttp(() -> port, JsonMapper.builder().build()).withTimeout(Duration.ofSeconds(5));
        this.log = log;
    }

    public static MirrorProcess start(Map<String, String> properties, Path log) throws IOException {
        return start(properties, Map.of(), log);
    }

    /** With these environment variables too, as a pod gets credentials from a Secret. */
    public static MirrorProcess start(Map<String, String> properties, Map<String, String> environment, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.flatcarmirror.FlatcarMirrorApplication", "--server.port=" + port));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new MirrorProcess(process, port, log);
    }

    /** Waits until the application answers HTTP, or fails naming its log. */
    public MirrorProcess awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mirror process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/channels").statusCode() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("mirror process not ready after " + timeout + "; see " + log);
    }

    public MirrorHttp.Response get(String path) {
        return http.get(path);
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The application's log so far. */
    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
