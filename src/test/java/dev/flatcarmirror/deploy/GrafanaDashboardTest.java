package dev.flatcarmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard in {@code helm/flatcar-mirror/dashboards/flatcar-mirror.json} (the chart's ConfigMap and
 * docker-compose's Grafana both load this file): it may only use metrics the mirror exports, as listed in the main
 * README's metrics table, filters by its channel and board variables, and every query
 * parses as PromQL.
 */
class GrafanaDashboardTest {

    private static final Path ROOT = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    static final Path DASHBOARD = ROOT.resolve("helm/flatcar-mirror/dashboards/flatcar-mirror.json");

    /** Series a Micrometer timer exposes besides its name. */
    private static final List<String> TIMER_SUFFIXES = List.of("_count", "_sum", "_max", "_bucket");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private static JsonNode dashboard;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    }

    @Test
    void theExtractorShouldFindMetricNamesButNotFunctionsLabelsOrVariables() {
        assertThat(metricNames("sum by (channel, board, outcome) (rate(flatcar_mirror_polls_total{channel=~\"$channel\","
                + " outcome!=\"up_to_date\"}[$__rate_interval])) / on (channel) group_left(version) other_metric"
                + " + 1e3 * time() - max(up offset 5m)"))
                .containsExactlyInAnyOrder("flatcar_mirror_polls_total", "other_metric", "up");
        assertThat(metricNames("label_values(flatcar_mirror_board_state{channel=~\"$channel\"}, board)"))
                .containsExactly("flatcar_mirror_board_state");
    }

    @Test
    void everyMetricTheDashboardUsesShouldBeOneTheMirrorExports() throws IOException {
        Map<String, Set<String>> exported = exportedMetrics();
        Set<String> allowed = new LinkedHashSet<>();
        exported.forEach((name, labels) -> {
            allowed.add(name);
            if (name.endsWith("_seconds") && !name.endsWith("_timestamp_seconds") && !name.endsWith("_expiry_seconds")) {
                TIMER_SUFFIXES.forEach(suffix -> allowed.add(name + suffix));
            }
        });
        Set<String> used = new LinkedHashSet<>();
        queries().forEach(query -> used.addAll(metricNames(query)));

        assertThat(exported).as("metrics of the README's table").containsKeys("flatcar_mirror_polls_total",
                "flatcar_mirror_storage_free_bytes", "flatcar_mirror_download_duration_seconds");
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(allowed).as("exported metrics").contains(name));
    }

    @Test
    void theDashboardShouldShowWhatTheIssueAsksFor() {
        Set<String> used = new LinkedHashSet<>();
        panelQueries().values().forEach(queries -> queries.forEach(query -> used.addAll(metricNames(query))));

        assertThat(used).contains(
                "flatcar_mirror_current_version_info",
                "flatcar_mirror_board_state",
                "flatcar_mirror_polls_total",
                "flatcar_mirror_verification_failures_total",
                "flatcar_mirror_downloaded_bytes_total",
                "flatcar_mirror_served_bytes_total",
                "flatcar_mirror_storage_used_bytes",
                "flatcar_mirror_storage_free_bytes",
                "flatcar_mirror_pruned_bytes_total");
        assertThat(panelQueries().keySet()).contains("Current version", "Freshness", "Polls per hour by outcome",
                "Verification failures", "Download throughput", "Served to clients", "Storage used and free",
                "Pruned bytes");
        assertThat(String.join("\n", panelQueries().get("Polls per hour by outcome")))
                .contains("rate(flatcar_mirror_polls_total{");
        assertThat(String.join("\n", panelQueries().get("Current version")))
                .contains("max by (channel, board, version) (flatcar_mirror_current_version_info{");
    }

    @Test
    void theDashboardShouldHaveDatasourceChannelAndBoardVariablesAndUseThemEverywhere() throws IOException {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(variable -> variables.put(variable.path("name").asString(), variable));

        assertThat(variables).containsOnlyKeys("datasource", "channel", "board");
        assertThat(variables.get("datasource").path("type").asString()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asString()).isEqualTo("prometheus");
        for (String name : List.of("channel", "board")) {
            JsonNode variable = variables.get(name);
            assertThat(variable.path("type").asString()).isEqualTo("query");
            assertThat(variable.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
            assertThat(variable.path("includeAll").asBoolean()).as(name + " includeAll").isTrue();
            assertThat(variable.path("multi").asBoolean()).as(name + " multi").isTrue();
            assertThat(variable.path("definition").asString()).startsWith("label_values(flatcar_mirror_board_state")
                    .endsWith(", " + name + ")");
        }

        List<JsonNode> panels = panels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets").isEmpty()).as(title + " has queries").isFalse();
            panel.path("targets").forEach(target ->
                    assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}"));
        }

        // Every selector of a metric labelled by channel (and board) filters on the variables.
        Map<String, Set<String>> labels = exportedMetrics();
        Pattern selector = Pattern.compile("(flatcar_mirror_[a-z_]+)(\\{[^}]*})?");
        for (String query : panelQueries().values().stream().flatMap(List::stream).toList()) {
            Matcher matcher = selector.matcher(query);
            while (matcher.find()) {
                Set<String> metricLabels = labels.getOrDefault(baseName(matcher.group(1)), Set.of());
                String matchers = matcher.group(2) == null ? "" : matcher.group(2);
                if (metricLabels.contains("channel")) {
                    assertThat(matchers).as("%s in %s", matcher.group(1), query).contains("channel=~\"$channel\"");
                }
                if (metricLabels.contains("board")) {
                    assertThat(matchers).as("%s in %s", matcher.group(1), query).contains("board=~\"$board\"");
                }
            }
        }
    }

    @Test
    void panelsShouldHaveUniqueIdsAndNotOverlapOnTheGrid() {
        List<JsonNode> panels = panels();
        assertThat(panels.stream().map(panel -> panel.path("id").asInt()).distinct().count()).isEqualTo(panels.size());
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            assertThat(a.path("x").asInt() + a.path("w").asInt()).as("within 24 columns").isLessThanOrEqualTo(24);
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode b = panels.get(j).path("gridPos");
                boolean overlap = a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
                assertThat(overlap).as("%s overlaps %s", panels.get(i).path("title").asString(),
                        panels.get(j).path("title").asString()).isFalse();
            }
        }
        assertThat(dashboard.path("uid").asString()).isEqualTo("flatcar-mirror");
    }

    @Test
    void everyQueryShouldParseAsPromql() throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int index = 0;
        for (String query : queries()) {
            String promql = query.replace("$__rate_interval", "5m").replace("$__range", "1d")
                    .replace("$channel", ".*").replace("$board", ".*");
            if (promql.startsWith("label_values(")) {
                // label_values(metric{...}, label) is Grafana's; its first argument is PromQL.
                promql = promql.substring("label_values(".length(), promql.lastIndexOf(','));
            }
            assertThat(promql).as("no Grafana variable left").doesNotContain("$");
            rules.append("      - record: dashboard:query_").append(index++).append('\n')
                    .append("        expr: '").append(promql.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(tmp.resolve("dashboard-queries.yaml"), rules);

        String output = Promtool.run("check", "rules", file.toString());

        assertThat(output).contains("SUCCESS: " + index + " rules found");
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Metric name to labels, from the README's metrics table. */
    static Map<String, Set<String>> exportedMetrics() throws IOException {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `(flatcar_mirror_[a-z_]+)` \\| [^|]+ \\| ([^|]+) \\|", Pattern.MULTILINE);
        Matcher matcher = row.matcher(Files.readString(ROOT.resolve("README.md")));
        while (matcher.find()) {
            Set<String> labels = new LinkedHashSet<>();
            for (String label : matcher.group(2).split(",")) {
                if (label.trim().matches("[a-z_]+")) {
                    labels.add(label.trim());
                }
            }
            metrics.put(matcher.group(1), labels);
        }
        assertThat(metrics).as("metrics table rows in README.md").hasSizeGreaterThanOrEqualTo(10);
        return metrics;
    }

    private static String baseName(String series) {
        for (String suffix : TIMER_SUFFIXES) {
            if (series.endsWith("_seconds" + suffix)) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }

    /** The metric names a PromQL expression (or Grafana's label_values()) selects. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher labelValues = Pattern.compile("^label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(expression);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Matcher token = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(stripped);
        while (token.find()) {
            boolean function = token.group(2) != null;
            String word = token.group(1);
            if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    /** Panel title to its queries. */
    private static Map<String, List<String>> panelQueries() {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            List<String> expressions = new ArrayList<>();
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString()));
            queries.put(panel.path("title").asString(), expressions);
        }
        return queries;
    }

    /** Every query: the panels' and the template variables'. */
    private static List<String> queries() {
        List<String> queries = new ArrayList<>(panelQueries().values().stream().flatMap(List::stream).toList());
        dashboard.path("templating").path("list").forEach(variable -> {
            if ("query".equals(variable.path("type").asString())) {
                queries.add(variable.path("definition").asString());
                queries.add(variable.path("query").path("query").asString());
            }
        });
        assertThat(queries).doesNotContain("");
        return queries;
    }
}
