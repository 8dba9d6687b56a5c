package dev.flatcarmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders the Helm chart in {@code helm/flatcar-mirror} with the Helm library bundled by helm-java and checks the
 * resulting Kubernetes objects, parsed with SnakeYAML, rather than the YAML text.
 */
class HelmChartTest {

    private static final Path CHART = Paths.get(System.getProperty("basedir", "."))
            .resolve("helm/flatcar-mirror").toAbsolutePath().normalize();

    private static final String TOKEN = "s3cr3t-admin-token";

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------------------------------------ lint

    @Test
    void strictLintShouldPassWithTheDefaultValues() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
    }

    // ------------------------------------------------------------------------------- default render

    @Test
    void defaultRenderShouldContainTheCoreObjectsAndNoOptionalOnes() {
        Manifests manifests = render(t -> t);

        assertThat(manifests.kinds())
                .contains("Deployment", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim")
                .doesNotContain("ServiceMonitor", "Ingress");
    }

    @Test
    void probesShouldCheckTheActuatorHealthGroupsOnTheHttpPort8080() {
        Object container = container(render(t -> t).deployment());

        assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
        assertThat(containerPort(container, "http")).isEqualTo(8080);
        assertThat(containerPort(container, "management")).isNull();
        assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isNull();
    }

    @Test
    void podAndContainerShouldRunAsUser10001WithAReadOnlyRootFilesystemAndNoCapabilities() {
        Object deployment = render(t -> t).deployment();
        Object pod = at(deployment, "spec", "template", "spec", "securityContext");
        Object container = at(container(deployment), "securityContext");

        assertThat(at(pod, "runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "runAsUser")).isEqualTo(10001);
        assertThat(at(pod, "fsGroup")).isEqualTo(10001);
        assertThat(at(pod, "seccompProfile", "type")).isEqualTo("RuntimeDefault");

        assertThat(at(container, "runAsNonRoot")).isEqualTo(true);
        assertThat(at(container, "runAsUser")).isEqualTo(10001);
        assertThat(at(container, "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(container, "capabilities", "drop")).isEqualTo(List.of("ALL"));
        assertThat(at(container, "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        assertThat(at(deployment, "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(false);
    }

    @Test
    void onlyDataAndTmpShouldBeWritableAndTheChannelsConfigMapMountedAtConfig() {
        Object deployment = render(t -> t).deployment();
        Object container = container(deployment);

        assertThat(mountPath(container, "data")).isEqualTo("/data");
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(mountPath(container, "config")).isEqualTo("/config");
        assertThat(at(volumeMount(container, "config"), "readOnly")).isEqualTo(true);
        assertThat(at(volume(deployment, "tmp"), "emptyDir")).isNotNull();
        assertThat(at(volume(deployment, "config"), "configMap", "name")).isEqualTo("mirror-flatcar-mirror");
        assertThat(envValue(container, "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("optional:file:/config/");
        assertThat(envValue(container, "MIRROR_STORAGE_PATH")).isEqualTo("/data/objects");
    }

    @Test
    void adminTokenShouldComeFromTheChartSecretThroughASecretKeyRef() {
        Manifests manifests = render(t -> t);
        Object container = container(manifests.deployment());

        assertThat(at(env(container, "MIRROR_ADMIN_TOKEN"), "value")).isNull();
        assertThat(at(env(container, "MIRROR_ADMIN_TOKEN"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("mirror-flatcar-mirror");
        assertThat(at(env(container, "MIRROR_ADMIN_TOKEN"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("admin-token");
        assertThat(at(manifests.single("Secret"), "data", "admin-token")).isEqualTo(base64(TOKEN));
    }

    @Test
    void withoutDatabaseUrlThePodShouldUseTheEmbeddedH2DatabaseOnTheDataVolume() {
        Object container = container(render(t -> t).deployment());

        assertThat(envValue(container, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:h2:file:/data/catalog");
        assertThat(env(container, "SPRING_DATASOURCE_PASSWORD")).isNull();
        assertThat(env(container, "SPRING_DATASOURCE_USERNAME")).isNull();
    }

    @Test
    void externalPostgresPasswordShouldComeFromTheChartSecretThroughASecretKeyRef() {
        Manifests manifests = render(t -> t
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.username", "mirror")
                .set("database.password", "db-pass"));
        Object container = container(manifests.deployment());

        assertThat(envValue(container, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db.example:5432/mirror");
        assertThat(envValue(container, "SPRING_DATASOURCE_USERNAME")).isEqualTo("mirror");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "value")).isNull();
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("mirror-flatcar-mirror");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("database-password");
        assertThat(at(manifests.single("Secret"), "data", "database-password")).isEqualTo(base64("db-pass"));
    }

    @Test
    void databaseExistingSecretShouldProvideThePasswordAndKeepItOutOfTheChartSecret() {
        Manifests manifests = render(t -> t
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.username", "mirror")
                .set("database.existingSecret", "pg-credentials")
                .set("database.existingSecretPasswordKey", "pg-password"));
        Object container = container(manifests.deployment());

        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("pg-credentials");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("pg-password");
        assertThat(at(manifests.single("Secret"), "data", "database-password")).isNull();
    }

    @Test
    void existingSecretShouldBeReferencedInsteadOfRenderingASecret() {
        Manifests manifests = renderWithoutToken(t -> t
                .set("existingSecret", "mirror-credentials")
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.username", "mirror"));
        Object container = container(manifests.deployment());

        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(at(env(container, "MIRROR_ADMIN_TOKEN"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("mirror-credentials");
        assertThat(at(env(container, "MIRROR_ADMIN_TOKEN"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("admin-token");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("mirror-credentials");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("database-password");
    }

    // ------------------------------------------------------------------- replicas, strategy, storage

    @Test
    void replicasShouldDefaultToOneAndFollowTheValue() {
        assertThat(at(render(t -> t).deployment(), "spec", "replicas")).isEqualTo(1);
        assertThat(at(render(t -> t
                .set("replicaCount", 3)
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.username", "mirror")
                .set("persistence.accessModes[0]", "ReadWriteMany")).deployment(), "spec", "replicas"))
                .isEqualTo(3);
    }

    @Test
    void moreThanOneReplicaWithoutPostgresShouldFailBecauseH2CannotBeShared() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 2)))
                .hasMessageContaining("replicaCount > 1 needs an external PostgreSQL (set database.url)");
    }

    @Test
    void aReadWriteOnceVolumeShouldMakeTheDeploymentRecreateItsPod() {
        assertThat(at(render(t -> t).deployment(), "spec", "strategy", "type")).isEqualTo("Recreate");
        assertThat(at(render(t -> t.set("persistence.accessModes[0]", "ReadWriteMany")).deployment(),
                "spec", "strategy", "type")).isEqualTo("RollingUpdate");
        assertThat(at(render(t -> t.set("persistence.enabled", false)).deployment(),
                "spec", "strategy", "type")).isEqualTo("RollingUpdate");
    }

    @Test
    void thePvcShouldBeRenderedByDefaultAndMountedAtData() {
        Manifests manifests = render(t -> t);
        Object pvc = manifests.single("PersistentVolumeClaim");

        assertThat(at(pvc, "metadata", "name")).isEqualTo("mirror-flatcar-mirror");
        assertThat(at(pvc, "spec", "accessModes")).isEqualTo(List.of("ReadWriteOnce"));
        assertThat(at(pvc, "spec", "resources", "requests", "storage")).isEqualTo("50Gi");
        assertThat(at(volume(manifests.deployment(), "data"), "persistentVolumeClaim", "claimName"))
                .isEqualTo("mirror-flatcar-mirror");
    }

    @Test
    void anExistingClaimShouldBeMountedAndNoPvcRendered() {
        Manifests manifests = render(t -> t.set("persistence.existingClaim", "flatcar-images"));

        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(at(volume(manifests.deployment(), "data"), "persistentVolumeClaim", "claimName"))
                .isEqualTo("flatcar-images");
    }

    @Test
    void disabledPersistenceShouldUseAnEmptyDirAndNoPvc() {
        Manifests manifests = render(t -> t.set("persistence.enabled", false));

        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(at(volume(manifests.deployment(), "data"), "emptyDir")).isNotNull();
        assertThat(at(volume(manifests.deployment(), "data"), "persistentVolumeClaim")).isNull();
    }

    // ----------------------------------------------------------------------- metrics and ingress

    @Test
    void serviceMonitorShouldBeAbsentByDefaultAndScrapeThePrometheusEndpointWhenEnabled() {
        assertThat(render(t -> t).kinds()).doesNotContain("ServiceMonitor");

        Manifests manifests = render(t -> t
                .set("serviceMonitor.enabled", true)
                .set("serviceMonitor.labels.release", "kube-prometheus-stack"));
        Object monitor = manifests.single("ServiceMonitor");

        assertThat(at(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(at(monitor, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
        assertThat(at(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat(at(monitor, "spec", "endpoints", 0, "port")).isEqualTo("http");
        assertThat(servicePort(manifests.single("Service"), "http")).isNotNull();
        assertThat(at(monitor, "spec", "selector", "matchLabels"))
                .isEqualTo(at(manifests.single("Service"), "spec", "selector"));
    }

    @Test
    void aSeparateManagementPortShouldCarryTheProbesAndTheServiceMonitor() {
        Manifests manifests = render(t -> t
                .set("metrics.separatePort", true)
                .set("serviceMonitor.enabled", true));
        Object container = container(manifests.deployment());

        assertThat(envValue(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
        assertThat(containerPort(container, "management")).isEqualTo(8081);
        assertThat(containerPort(container, "http")).isEqualTo(8080);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        }
        assertThat(at(servicePort(manifests.single("Service"), "management"), "port")).isEqualTo(8081);
        assertThat(at(manifests.single("ServiceMonitor"), "spec", "endpoints", 0, "port")).isEqualTo("management");
        assertThat(at(manifests.single("ServiceMonitor"), "spec", "endpoints", 0, "path"))
                .isEqualTo("/actuator/prometheus");
    }

    @Test
    void ingressShouldBeAbsentByDefaultAndRouteToTheHttpServicePortWhenEnabled() {
        assertThat(render(t -> t).kinds()).doesNotContain("Ingress");

        Manifests manifests = render(t -> t
                .set("ingress.enabled", true)
                .set("ingress.className", "nginx")
                .set("ingress.hosts[0].host", "mirror.example.org")
                .set("ingress.hosts[0].paths[0].path", "/")
                .set("ingress.hosts[0].paths[0].pathType", "Prefix")
                .set("ingress.tls[0].secretName", "mirror-tls")
                .set("ingress.tls[0].hosts[0]", "mirror.example.org"));
        Object ingress = manifests.single("Ingress");

        assertThat(at(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        assertThat(at(ingress, "spec", "rules", 0, "host")).isEqualTo("mirror.example.org");
        Object backend = at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service");
        assertThat(at(backend, "name")).isEqualTo("mirror-flatcar-mirror");
        assertThat(at(backend, "port", "name")).isEqualTo("http");
        assertThat(at(ingress, "spec", "tls", 0, "secretName")).isEqualTo("mirror-tls");
    }

    // ------------------------------------------------------------------------ mirror configuration

    @Test
    void theConfigMapShouldCarryTheChannelsSigningAndPollIntervalGivenInValues() throws IOException {
        Path values = write("channels.yaml", """
                mirror:
                  pollInterval: 30m
                  channels:
                    - name: beta
                      baseUrl: https://beta.release.flatcar-linux.net
                      boards: [amd64-usr, arm64-usr]
                      artifacts: [flatcar_production_pxe.vmlinuz, flatcar_production_pxe_image.cpio.gz]
                    - name: lts
                      baseUrl: https://lts.release.flatcar-linux.net
                      boards: [amd64-usr]
                      artifacts: [flatcar_production_image.bin.bz2]
                  signing:
                    trustedFingerprints: [F88CFEDEFF29A5B4D9523864E25D9AED0593B34A]
                    keyUrl: ""
                  extraConfig:
                    mirror:
                      signing:
                        clock-skew: 2m
                    logging:
                      level:
                        dev.flatcarmirror: DEBUG
                """);
        Object configMap = render(t -> t.withValuesFile(values)).single("ConfigMap");
        Object config = parseYaml((String) at(configMap, "data", "application.yaml"));

        assertThat(at(config, "mirror", "poll-interval")).isEqualTo("30m");
        assertThat(at(config, "mirror", "channels", 0, "name")).isEqualTo("beta");
        assertThat(at(config, "mirror", "channels", 0, "base-url")).isEqualTo("https://beta.release.flatcar-linux.net");
        assertThat(at(config, "mirror", "channels", 0, "boards")).isEqualTo(List.of("amd64-usr", "arm64-usr"));
        assertThat(at(config, "mirror", "channels", 0, "artifacts"))
                .isEqualTo(List.of("flatcar_production_pxe.vmlinuz", "flatcar_production_pxe_image.cpio.gz"));
        assertThat(at(config, "mirror", "channels", 1, "name")).isEqualTo("lts");
        assertThat(at(config, "mirror", "channels", 1, "artifacts")).isEqualTo(List.of("flatcar_production_image.bin.bz2"));
        assertThat(at(config, "mirror", "signing", "trusted-fingerprints"))
                .isEqualTo(List.of("F88CFEDEFF29A5B4D9523864E25D9AED0593B34A"));
        assertThat(at(config, "mirror", "signing", "key-url")).isEqualTo("");
        assertThat(at(config, "mirror", "signing", "clock-skew")).isEqualTo("2m");
        assertThat(at(config, "logging", "level", "dev.flatcarmirror")).isEqualTo("DEBUG");
    }

    @Test
    void theDefaultConfigMapShouldMirrorTheStableChannelAndTrustTheFlatcarSigningKey() {
        Object configMap = render(t -> t).single("ConfigMap");
        Object config = parseYaml((String) at(configMap, "data", "application.yaml"));

        assertThat(at(config, "mirror", "poll-interval")).isEqualTo("10m");
        assertThat(at(config, "mirror", "channels", 0, "name")).isEqualTo("stable");
        assertThat(at(config, "mirror", "channels", 0, "base-url")).isEqualTo("https://stable.release.flatcar-linux.net");
        assertThat(at(config, "mirror", "channels", 0, "boards")).isEqualTo(List.of("amd64-usr"));
        assertThat(at(config, "mirror", "signing", "trusted-fingerprints"))
                .isEqualTo(List.of("F88CFEDEFF29A5B4D9523864E25D9AED0593B34A"));
        assertThat(at(config, "mirror", "signing", "key-url"))
                .isEqualTo("https://www.flatcar.org/security/image-signing-key/Flatcar_Image_Signing_Key.asc");
    }

    @Test
    void changingTheChannelsShouldChangeThePodTemplateChecksumSoThePodsRoll() {
        Object before = at(render(t -> t).deployment(), "spec", "template", "metadata", "annotations", "checksum/config");
        Object same = at(render(t -> t).deployment(), "spec", "template", "metadata", "annotations", "checksum/config");
        Object after = at(render(t -> t.set("mirror.pollInterval", "1h")).deployment(),
                "spec", "template", "metadata", "annotations", "checksum/config");

        assertThat(before).isInstanceOf(String.class).asString().hasSize(64);
        assertThat(same).isEqualTo(before);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void notesShouldShowHowToCurlTheChannelsAndPointFlatcarInstallAtTheMirror() {
        Release release = new Helm(CHART).install()
                .withName("mirror").withNamespace("flatcar")
                .clientOnly().withDryRunOption(DryRun.CLIENT)
                .set("admin.token", TOKEN)
                .set("ingress.enabled", true)
                .set("ingress.hosts[0].host", "mirror.example.org")
                .set("ingress.hosts[0].paths[0].path", "/")
                .set("ingress.hosts[0].paths[0].pathType", "Prefix")
                .call();

        assertThat(release.getOutput())
                .contains("curl -s http://mirror.example.org/channels")
                .contains("flatcar-install -d /dev/sda -C stable -b http://mirror.example.org/stable/amd64-usr")
                .doesNotContain(TOKEN);
    }

    // ------------------------------------------------------------------------------- bad input

    @Test
    void renderWithoutAdminTokenShouldFailNamingTheValue() {
        assertThatThrownBy(() -> renderWithoutToken(t -> t))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("admin.token is required")
                .hasMessageContaining("existingSecret");
    }

    @Test
    void anExternalDatabaseWithoutUsernameShouldFailNamingTheValue() {
        assertThatThrownBy(() -> render(t -> t
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.password", "db-pass")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database.username is required when database.url is set");
    }

    @Test
    void aDatabasePasswordNextToAnExistingSecretShouldFailInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> renderWithoutToken(t -> t
                .set("existingSecret", "mirror-credentials")
                .set("database.url", "jdbc:postgresql://db.example:5432/mirror")
                .set("database.username", "mirror")
                .set("database.password", "ignored")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database.password is ignored when existingSecret is set");
    }

    @Test
    void aValueOfTheWrongTypeShouldBeRejectedByTheSchema() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", "two")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("metrics.separatePort", "maybe")))
                .hasMessageContaining("separatePort");
    }

    @Test
    void aMisspelledTopLevelValueShouldBeRejectedByTheSchema() {
        assertThatThrownBy(() -> render(t -> t.set("replicas", 2)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");
    }

    // ------------------------------------------------------------------------------------ helpers

    private Manifests render(UnaryOperator<TemplateCommand> customizer) {
        return renderWithoutToken(t -> customizer.apply(t.set("admin.token", TOKEN)));
    }

    private Manifests renderWithoutToken(UnaryOperator<TemplateCommand> customizer) {
        TemplateCommand command = new Helm(CHART).template().withName("mirror").withNamespace("flatcar");
        return Manifests.parse(customizer.apply(command).call());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static Object parseYaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Walks maps by String keys and lists by Integer indexes; null as soon as a step is missing. */
    private static Object at(Object node, Object... steps) {
        Object current = node;
        for (Object step : steps) {
            if (current instanceof Map<?, ?> map && step instanceof String key) {
                current = map.get(key);
            } else if (current instanceof List<?> list && step instanceof Integer index) {
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    private static Object named(Object list, String name) {
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (name.equals(at(item, "name"))) {
                    return item;
                }
            }
        }
        return null;
    }

    private static Object container(Object deployment) {
        return named(at(deployment, "spec", "template", "spec", "containers"), "flatcar-mirror");
    }

    private static Object env(Object container, String name) {
        return named(at(container, "env"), name);
    }

    private static Object envValue(Object container, String name) {
        return at(env(container, name), "value");
    }

    private static Object containerPort(Object container, String name) {
        return at(named(at(container, "ports"), name), "containerPort");
    }

    private static Object servicePort(Object service, String name) {
        return named(at(service, "spec", "ports"), name);
    }

    private static Object volume(Object deployment, String name) {
        return named(at(deployment, "spec", "template", "spec", "volumes"), name);
    }

    private static Object volumeMount(Object container, String name) {
        return named(at(container, "volumeMounts"), name);
    }

    private static Object mountPath(Object container, String name) {
        return at(volumeMount(container, name), "mountPath");
    }

    /** The documents of one {@code helm template} run. */
    private record Manifests(List<Object> documents) {

        static Manifests parse(String rendered) {
            List<Object> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
                if (document != null) {
                    documents.add(document);
                }
            }
            assertThat(documents).as("rendered documents").isNotEmpty();
            return new Manifests(documents);
        }

        List<Object> kinds() {
            return documents.stream().map(document -> at(document, "kind")).toList();
        }

        Object single(String kind) {
            List<Object> matching = documents.stream().filter(document -> kind.equals(at(document, "kind"))).toList();
            assertThat(matching).as("%s documents", kind).hasSize(1);
            return matching.get(0);
        }

        Object deployment() {
            return single("Deployment");
        }
    }
}
