package dev.flatcarmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules have one source, {@code helm/flatcar-mirror/files/alerts.yaml}: the chart's PrometheusRule includes
 * it, docker-compose's Prometheus loads it, and the main README's "Alerts worth setting" block must show the very
 * same rules. promtool checks the file and unit-tests every alert.
 */
class AlertRulesTest {

    private static final Path ROOT = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    static final Path ALERTS = ROOT.resolve("helm/flatcar-mirror/files/alerts.yaml");

    private static final List<String> ALERT_NAMES = List.of(
            "FlatcarMirrorChannelStale", "FlatcarMirrorPollsFailing", "FlatcarMirrorVerificationFailures",
            "FlatcarMirrorFileQuarantined", "FlatcarMirrorSigningKeyExpiring", "FlatcarMirrorDiskFillingUp",
            "FlatcarMirrorDown");

    @TempDir
    Path tmp;

    @Test
    void theReadmeAlertsBlockShouldListExactlyTheChartsRulesWithTheSameExpressions() throws IOException {
        List<Map<String, Object>> readme = rules(parse(readmeAlertsBlock()));
        List<Map<String, Object>> chart = rules(parse(Files.readString(ALERTS)));

        assertThat(names(readme)).as("alerts in README.md's \"Alerts worth setting\"").isEqualTo(names(chart));
        for (int i = 0; i < chart.size(); i++) {
            Map<String, Object> expected = chart.get(i);
            Map<String, Object> actual = readme.get(i);
            assertThat(normalize(actual.get("expr"))).as("expr of %s in README.md", expected.get("alert"))
                    .isEqualTo(normalize(expected.get("expr")));
            // for, labels and anything else a rule carries.
            assertThat(actual).as("rule %s in README.md", expected.get("alert")).isEqualTo(expected);
        }
        assertThat(parse(readmeAlertsBlock())).as("whole README block").isEqualTo(parse(Files.readString(ALERTS)));
    }

    @Test
    void theRulesShouldBeTheSevenAlertsTheOperationsGuideDescribes() throws IOException {
        List<Map<String, Object>> rules = rules(parse(Files.readString(ALERTS)));

        assertThat(names(rules)).containsExactlyElementsOf(ALERT_NAMES);
        assertThat(rules).allSatisfy(rule -> assertThat(at(rule, "labels", "severity")).isIn("warning", "critical"));
        // The ServiceMonitor's jobLabel and docker-compose's job_name give the scrape job this name.
        assertThat(rules.get(6).get("expr")).isEqualTo("up{job=\"flatcar-mirror\"} == 0");
    }

    @Test
    void promtoolShouldAcceptTheRuleFile() throws Exception {
        String output = Promtool.run("check", "rules", ALERTS.toString());

        assertThat(output).contains("SUCCESS: 7 rules found");
    }

    @Test
    void promtoolUnitTestsShouldSeeEachAlertFireWhenItShouldAndNotBefore() throws Exception {
        Files.copy(ALERTS, tmp.resolve("alerts.yaml"));
        Path tests = Files.writeString(tmp.resolve("alerts-test.yaml"), """
                rule_files: [alerts.yaml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'flatcar_mirror_channel_stale{channel="stable",instance="a"}'
                        values: '0 1x40'
                      - series: 'flatcar_mirror_channel_stale{channel="stable",instance="b"}'
                        values: '0x40'
                      - series: 'flatcar_mirror_channel_stale{channel="beta",instance="a"}'
                        values: '0x40'
                      - series: 'flatcar_mirror_verification_failures_total{channel="stable",board="amd64-usr",reason="bad_signature"}'
                        values: '0x10 1x30'
                      - series: 'flatcar_mirror_quarantined_files_total{channel="lts",board="arm64-usr"}'
                        values: '0x10 2x30'
                      - series: 'flatcar_mirror_signing_key_expiry_seconds{instance="a"}'
                        values: '2000000x10 1000000x30'
                      - series: 'flatcar_mirror_storage_free_bytes{instance="a"}'
                        values: '5368709120x40'
                      - series: 'up{job="flatcar-mirror",instance="a"}'
                        values: '1x10 0x30'
                    alert_rule_test:
                      - {eval_time: 10m, alertname: FlatcarMirrorChannelStale, exp_alerts: []}
                      - eval_time: 20m
                        alertname: FlatcarMirrorChannelStale
                        exp_alerts:
                          - exp_labels: {channel: stable, severity: critical}
                      - {eval_time: 5m, alertname: FlatcarMirrorVerificationFailures, exp_alerts: []}
                      - eval_time: 15m
                        alertname: FlatcarMirrorVerificationFailures
                        exp_alerts:
                          - exp_labels: {channel: stable, board: amd64-usr, reason: bad_signature, severity: critical}
                      - {eval_time: 5m, alertname: FlatcarMirrorFileQuarantined, exp_alerts: []}
                      - eval_time: 15m
                        alertname: FlatcarMirrorFileQuarantined
                        exp_alerts:
                          - exp_labels: {channel: lts, board: arm64-usr, severity: critical}
                      - {eval_time: 5m, alertname: FlatcarMirrorSigningKeyExpiring, exp_alerts: []}
                      - eval_time: 15m
                        alertname: FlatcarMirrorSigningKeyExpiring
                        exp_alerts:
                          - exp_labels: {instance: a, severity: warning}
                      - {eval_time: 20m, alertname: FlatcarMirrorDiskFillingUp, exp_alerts: []}
                      - eval_time: 35m
                        alertname: FlatcarMirrorDiskFillingUp
                        exp_alerts:
                          - exp_labels: {instance: a, severity: warning}
                      - {eval_time: 13m, alertname: FlatcarMirrorDown, exp_alerts: []}
                      - eval_time: 20m
                        alertname: FlatcarMirrorDown
                        exp_alerts:
                          - exp_labels: {job: flatcar-mirror, instance: a, severity: critical}
                  # A board whose last successful poll was at the epoch's start: 5 hours is fine, 7 are not.
                  - interval: 10m
                    input_series:
                      - series: 'flatcar_mirror_last_successful_sync_timestamp_seconds{channel="stable",board="amd64-usr"}'
                        values: '0x60'
                    alert_rule_test:
                      - {eval_time: 5h, alertname: FlatcarMirrorPollsFailing, exp_alerts: []}
                      - eval_time: 7h
                        alertname: FlatcarMirrorPollsFailing
                        exp_alerts:
                          - exp_labels: {channel: stable, board: amd64-usr, severity: warning}
                """);

        String output = Promtool.run("test", "rules", tests.toString());

        assertThat(output).contains("SUCCESS");
    }

    // ------------------------------------------------------------------------------------ helpers

    /** The fenced YAML block under README.md's "### Alerts worth setting". */
    static String readmeAlertsBlock() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int heading = readme.indexOf("### Alerts worth setting");
        assertThat(heading).as("README.md has a \"### Alerts worth setting\" section").isNotNegative();
        Matcher block = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(heading)).as("a ```yaml block after \"### Alerts worth setting\"").isTrue();
        return block.group(1);
    }

    static Object parse(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(Object ruleFile) {
        List<Object> groups = (List<Object>) at(ruleFile, "groups");
        assertThat(groups).as("rule groups").hasSize(1);
        assertThat(at(groups.get(0), "name")).isEqualTo("flatcar-mirror");
        return (List<Map<String, Object>>) at(groups.get(0), "rules");
    }

    private static List<Object> names(List<Map<String, Object>> rules) {
        return rules.stream().map(rule -> rule.get("alert")).toList();
    }

    private static String normalize(Object expr) {
        return String.valueOf(expr).trim().replaceAll("\\s+", " ");
    }

    private static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = current instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return current;
    }
}
