package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.Prerequisite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One scrape of {@code /actuator/prometheus}, parsed just enough to assert on samples by name and labels. */
record PrometheusScrape(String text, List<Sample> samples, Map<String, String> types) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    /** Parses the text format, failing on any line that is neither a HELP, a TYPE nor a sample. */
    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            Matcher help = HELP.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                assertThat(types.put(type.group(1), type.group(2))).as("one TYPE line for %s", type.group(1)).isNull();
            } else if (help.matches()) {
                helped.add(help.group(1));
            } else if (sample.matches()) {
                samples.add(new Sample(sample.group(1), labels(sample.group(2), line), value(sample.group(3), line)));
            } else {
                assertThat(line).as("a line of the text exposition format").isEmpty();
            }
        }
        assertThat(samples).as("samples").isNotEmpty();
        for (Sample sample : samples) {
            assertThat(family(sample.name(), types)).as("TYPE of %s", sample.name()).isPresent();
        }
        assertThat(helped).as("every family has HELP").containsAll(types.keySet());
        return new PrometheusScrape(text, samples, types);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The one sample of {@code name} whose labels include the given name/value pairs. */
    Sample sample(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Sample> matching = named(name).stream()
                .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
        assertThat(matching).as("%s%s in\n%s", name, wanted, flatcarLines()).hasSize(1);
        return matching.get(0);
    }

    double value(String name, String... labels) {
        return sample(name, labels).value();
    }

    String flatcarLines() {
        return String.join("\n", text.lines().filter(line -> line.contains("flatcar_mirror_")).toList());
    }

    /**
     * Runs {@code promtool check metrics} on the scrape. Without promtool on the PATH the calling test is skipped,
     * or fails where promtool is required (CI, {@code MIRROR_REQUIRE_PROMTOOL=true}).
     *
     * @return promtool's output
     */
    String promtoolCheck() throws IOException, InterruptedException {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        Prerequisite.require(promtool.isPresent(), "promtool", "MIRROR_REQUIRE_PROMTOOL", "apt-get install prometheus");
        Process process = new ProcessBuilder(promtool.orElseThrow().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool check metrics exit code; output:\n%s", output).isZero();
        return output;
    }

    /** Samples of a histogram or summary carry suffixes their family's TYPE line does not. */
    private static Optional<String> family(String sampleName, Map<String, String> types) {
        for (String suffix : List.of("", "_total", "_info", "_count", "_sum", "_bucket", "_max")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(sampleName)) {
                    return Optional.of(sampleName);
                }
                if (types.containsKey(base)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int end = 0;
        while (label.lookingAt()) {
            labels.put(label.group(1), label.group(2));
            end = label.end();
            label.region(end, text.length());
        }
        assertThat(end).as("labels of %s", line).isEqualTo(text.length());
        return labels;
    }

    private static double value(String text, String line) {
        try {
            return Double.parseDouble(text.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
        } catch (NumberFormatException e) {
            throw new AssertionError("not a sample value in: " + line, e);
        }
    }
}
