package dev.flatcarmirror.deploy;

import static dev.flatcarmirror.deploy.SpringEnvironment.property;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.storage.StorageProperties;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, parsed: the default services stay as they were, and the "scale" profile runs two replicas on
 * the one PostgreSQL and one S3 server, configured through environment variables that Spring binds to the mirror's
 * {@code mirror.storage.*} properties. There is no Docker engine here; {@code docker compose config} (or the older
 * {@code docker-compose config}) runs too when a client is installed.
 */
class DockerComposeTest {

    private static final Path ROOT = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private static final List<String> SCALE_SERVICES = List.of("postgres-scale-init", "minio", "minio-init", "mirror-a",
            "mirror-b", "lb", "prometheus-scale", "grafana");

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void theDefaultServicesShouldStayOutsideEveryProfile() {
        assertThat(services).containsKeys("postgres", "mirror", "prometheus");
        for (String name : List.of("postgres", "mirror", "prometheus")) {
            assertThat(at(services, name, "profiles")).as(name).isNull();
        }
        Map<String, String> mirror = environment("mirror");
        assertThat(mirror).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/flatcar_mirror")
                .containsEntry("MIRROR_STORAGE_PATH", "/data/objects")
                .doesNotContainKey("MIRROR_STORAGE_TYPE");
        assertThat(mirror.get("SPRING_APPLICATION_JSON")).contains("\"trusted-fingerprints\"");
        assertThat(at(services, "mirror", "ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void theScaleProfileShouldHoldTwoReplicasAnS3ServerAndTheirMonitoring() {
        assertThat(services).containsKeys(SCALE_SERVICES.toArray(String[]::new));
        for (String name : SCALE_SERVICES) {
            assertThat(at(services, name, "profiles")).as(name).isEqualTo(List.of("scale"));
        }
        assertThat(at(services, "mirror-a", "volumes")).isNotEqualTo(at(services, "mirror-b", "volumes"));
        for (String replica : List.of("mirror-a", "mirror-b")) {
            assertThat(at(services, replica, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
            assertThat(at(services, replica, "depends_on", "minio-init", "condition"))
                    .isEqualTo("service_completed_successfully");
            assertThat(at(services, replica, "depends_on", "postgres-scale-init", "condition"))
                    .isEqualTo("service_completed_successfully");
            assertThat(at(services, replica, "read_only")).isEqualTo(true);
        }
    }

    @Test
    void bothReplicasShouldBindToS3StorageAndTheSamePostgresDatabaseThroughSpringsEnvironmentMapping() {
        Map<String, String> a = environment("mirror-a");
        Map<String, String> b = environment("mirror-b");
        assertThat(a).isEqualTo(b);

        Binder binder = SpringEnvironment.binder(a);
        assertThat(property(binder, "mirror.storage.type")).isEqualTo("s3");
        assertThat(property(binder, "mirror.storage.s3.endpoint")).isEqualTo("http://minio:9000");
        assertThat(property(binder, "mirror.storage.s3.bucket")).isEqualTo("flatcar-mirror");
        assertThat(property(binder, "mirror.storage.s3.region")).isEqualTo("us-east-1");
        assertThat(property(binder, "mirror.storage.s3.path-style")).isEqualTo("true");
        assertThat(property(binder, "mirror.storage.s3.redirect")).isEqualTo("false");
        // Bound as the application binds them, into its own settings record.
        StorageProperties storage = binder.bind("mirror.storage", StorageProperties.class).get();
        assertThat(storage.type()).isEqualTo(StorageProperties.Type.S3);
        assertThat(storage.s3().pathStyle()).isTrue();
        assertThat(storage.s3().bucket()).isEqualTo("flatcar-mirror");
        assertThat(storage.path()).hasToString("/data/objects");
        assertThat(property(binder, "spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://postgres:5432/flatcar_mirror_scale");
        // The AWS SDK's default chain reads these two itself; they are MinIO's credentials.
        assertThat(a.get("AWS_ACCESS_KEY_ID")).isEqualTo(environment("minio").get("MINIO_ROOT_USER"));
        assertThat(a.get("AWS_SECRET_ACCESS_KEY")).isEqualTo(environment("minio").get("MINIO_ROOT_PASSWORD"));
        // Same channels as the single mirror.
        assertThat(a.get("SPRING_APPLICATION_JSON")).isEqualTo(environment("mirror").get("SPRING_APPLICATION_JSON"));
    }

    @Test
    void theBucketAndTheDatabaseShouldBeCreatedBeforeTheReplicasStart() {
        String bucket = environment("mirror-a").get("MIRROR_STORAGE_S3_BUCKET");
        assertThat(environment("minio-init")).containsEntry("BUCKET", bucket);
        assertThat(String.join(" ", strings(at(services, "minio-init", "command"))))
                .contains("mc mb --ignore-existing \"local/$$BUCKET\"")
                .contains("http://minio:9000");
        assertThat(at(services, "minio-init", "depends_on", "minio", "condition")).isEqualTo("service_healthy");

        String database = environment("mirror-a").get("SPRING_DATASOURCE_URL").replaceAll(".*/", "");
        assertThat(String.join(" ", strings(at(services, "postgres-scale-init", "command"))))
                .contains("create database " + database);
        assertThat(environment("postgres-scale-init")).containsEntry("PGHOST", "postgres");
    }

    @Test
    void prometheusShouldScrapeBothReplicasAndLoadTheChartsAlertsAndGrafanaTheChartsDashboard() throws IOException {
        List<String> prometheusVolumes = strings(at(services, "prometheus-scale", "volumes"));
        assertThat(prometheusVolumes)
                .contains("./src/main/docker/prometheus-scale.yml:/etc/prometheus/prometheus.yml:ro")
                .contains("./helm/flatcar-mirror/files/alerts.yaml:/etc/prometheus/rules/flatcar-mirror.yaml:ro");
        Object config = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("src/main/docker/prometheus-scale.yml")));
        assertThat(at(config, "rule_files")).isEqualTo(List.of("/etc/prometheus/rules/*.yaml"));
        Object job = ((List<?>) at(config, "scrape_configs")).get(0);
        assertThat(at(job, "job_name")).isEqualTo("flatcar-mirror");
        assertThat(at(job, "metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(at(((List<?>) at(job, "static_configs")).get(0), "targets"))
                .isEqualTo(List.of("mirror-a:8080", "mirror-b:8080"));

        assertThat(strings(at(services, "grafana", "volumes")))
                .contains("./helm/flatcar-mirror/dashboards:/var/lib/grafana/dashboards/flatcar-mirror:ro")
                .contains("./src/main/docker/grafana/provisioning:/etc/grafana/provisioning:ro");
        Object provider = ((List<?>) at(load("src/main/docker/grafana/provisioning/dashboards/flatcar-mirror.yaml"),
                "providers")).get(0);
        assertThat(at(provider, "options", "path")).isEqualTo("/var/lib/grafana/dashboards/flatcar-mirror");
        Object datasource = ((List<?>) at(load("src/main/docker/grafana/provisioning/datasources/prometheus.yaml"),
                "datasources")).get(0);
        assertThat(at(datasource, "type")).isEqualTo("prometheus");
        assertThat(at(datasource, "url")).isEqualTo("http://prometheus-scale:9090");
        assertThat(at(datasource, "isDefault")).isEqualTo(true);
        assertThat(environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo("/var/lib/grafana/dashboards/flatcar-mirror/flatcar-mirror.json");
    }

    @Test
    void theLoadBalancerShouldSpreadOverBothReplicasWithoutBufferingImages() throws IOException {
        assertThat(strings(at(services, "lb", "volumes")))
                .contains("./src/main/docker/nginx-scale.conf:/etc/nginx/conf.d/default.conf:ro");
        String nginx = Files.readString(ROOT.resolve("src/main/docker/nginx-scale.conf"));
        assertThat(nginx).contains("server mirror-a:8080").contains("server mirror-b:8080")
                .contains("proxy_buffering off;").contains("proxy_pass http://flatcar_mirror;");
    }

    @Test
    void everyBindMountedFileShouldExistInTheRepository() {
        List<String> sources = new ArrayList<>();
        services.forEach((name, service) -> strings(at(service, "volumes")).stream()
                .filter(volume -> volume.startsWith("./"))
                .forEach(volume -> sources.add(volume.substring(2, volume.indexOf(':')))));
        assertThat(sources).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(source -> assertThat(ROOT.resolve(source)).exists());
    }

    @Test
    void dockerComposeConfigShouldAcceptTheFileWithAndWithoutTheScaleProfileWhenAClientIsInstalled() throws Exception {
        List<String> client = composeClient();
        Assumptions.assumeFalse(client.isEmpty(), "neither `docker compose` nor `docker-compose` is installed");

        String plain = run(client, "config");
        List<String> withScale = new ArrayList<>(client);
        withScale.addAll(List.of("--profile", "scale"));
        String scale = run(withScale, "config");

        assertThat(plain).contains("mirror:").contains("postgres:");
        assertThat(scale).contains("mirror-a:").contains("mirror-b:").contains("minio:").contains("grafana:")
                .contains("MIRROR_STORAGE_S3_PATHSTYLE");
    }

    // ------------------------------------------------------------------------------------ helpers

    private static Object load(String file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve(file)));
    }

    /** A service's environment, with compose's ${VAR:-default} replaced by its default. */
    static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object value = at(services, service, "environment");
        assertThat(value).as("environment of %s", service).isInstanceOf(Map.class);
        ((Map<?, ?>) value).forEach((key, v) -> environment.put(String.valueOf(key),
                String.valueOf(v).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
        return environment;
    }

    private static List<String> composeClient() {
        Optional<Path> docker = onPath("docker");
        if (docker.isPresent()) {
            try {
                Process process = new ProcessBuilder(docker.get().toString(), "compose", "version")
                        .redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return List.of(docker.get().toString(), "compose");
                }
            } catch (IOException | InterruptedException e) {
                // fall through to docker-compose
            }
        }
        return onPath("docker-compose").map(path -> List.of(path.toString())).orElse(List.of());
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String run(List<String> client, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("-f", ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("COMPOSE_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s config exit code; output:\n%s", command, output).isZero();
        return output;
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        if (list instanceof List<?> items) {
            items.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }

    private static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = current instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return current;
    }
}
