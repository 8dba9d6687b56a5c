package dev.flatcarmirror.deploy;

import static dev.flatcarmirror.deploy.SpringEnvironment.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Binder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

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
                .contains("Deployment", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount")
                .doesNotContain("ServiceMonitor", "Ingress", "PodDisruptionBudget", "PrometheusRule");
        assertThat(manifests.named("ConfigMap", "mirror-flatcar-mirror-dashboard")).isNull();
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
                .hasMessageContaining("replicaCount > 1 needs an external PostgreSQL: set database.url=");
    }

    @Test
    void aReadWriteOnceVolumeOrTheH2CatalogShouldMakeTheDeploymentRecreateItsPod() {
        assertThat(at(render(t -> t).deployment(), "spec", "strategy", "type")).isEqualTo("Recreate");
        assertThat(at(render(t -> t).deployment(), "spec", "strategy", "rollingUpdate")).isNull();
        // H2 holds a file lock: two pods on one ReadWriteMany claim would fight over it.
        assertThat(at(render(t -> t.set("persistence.accessModes[0]", "ReadWriteMany")).deployment(),
                "spec", "strategy", "type")).isEqualTo("Recreate");
        assertThat(at(render(t -> postgres(t).set("persistence.accessModes[0]", "ReadWriteMany")).deployment(),
                "spec", "strategy")).isEqualTo(Map.of("type", "RollingUpdate",
                "rollingUpdate", Map.of("maxUnavailable", 0, "maxSurge", 1)));
        assertThat(at(render(t -> postgres(t)).deployment(), "spec", "strategy", "type")).isEqualTo("Recreate");
        // Nothing persistent at all: nothing to hand over.
        assertThat(at(render(t -> t.set("persistence.enabled", false)).deployment(),
                "spec", "strategy", "type")).isEqualTo("RollingUpdate");
        assertThat(at(render(t -> scaleOut(t).set("strategy.type", "Recreate")).deployment(),
                "spec", "strategy", "type")).as("an explicit strategy wins").isEqualTo("Recreate");
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

    // ------------------------------------------------------------------------------------ scaling out

    @Test
    void theReadmesScaleOutExampleShouldRenderThreeRollingReplicasOnS3AndPostgresWithoutAnObjectClaim() throws IOException {
        Path example = readmeExample(0);
        Manifests manifests = renderWithoutToken(t -> t.withValuesFile(example));
        Object deployment = manifests.deployment();
        Object container = container(deployment);
        Object selector = at(deployment, "spec", "selector", "matchLabels");

        assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
        assertThat(at(deployment, "spec", "strategy")).isEqualTo(Map.of("type", "RollingUpdate",
                "rollingUpdate", Map.of("maxUnavailable", 0, "maxSurge", 1)));
        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim", "Secret")
                .contains("PodDisruptionBudget", "ServiceAccount", "ServiceMonitor", "PrometheusRule");
        assertThat(manifests.named("ConfigMap", "mirror-flatcar-mirror-dashboard")).isNotNull();

        // Objects in S3: /data only stages downloads, in a bounded emptyDir.
        assertThat(at(volume(deployment, "data"), "persistentVolumeClaim")).isNull();
        assertThat(at(volume(deployment, "data"), "emptyDir", "sizeLimit")).isEqualTo("4Gi");

        Binder binder = SpringEnvironment.binder(plainEnv(container));
        assertThat(property(binder, "mirror.storage.type")).isEqualTo("s3");
        assertThat(property(binder, "mirror.storage.s3.bucket")).isEqualTo("flatcar-images");
        assertThat(property(binder, "mirror.storage.s3.region")).isEqualTo("eu-central-1");
        assertThat(property(binder, "mirror.storage.s3.path-style")).isEqualTo("false");
        assertThat(property(binder, "mirror.storage.s3.redirect")).isEqualTo("false");
        assertThat(property(binder, "mirror.storage.s3.endpoint")).isNull();
        assertThat(property(binder, "spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://postgres.db.svc:5432/flatcar_mirror");
        for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            assertThat(at(env(container, variable), "value")).as(variable).isNull();
            assertThat(at(env(container, variable), "valueFrom", "secretKeyRef"))
                    .isEqualTo(Map.of("name", "flatcar-mirror-s3", "key", variable));
        }

        Object budget = manifests.single("PodDisruptionBudget");
        assertThat(at(budget, "apiVersion")).isEqualTo("policy/v1");
        assertThat(at(budget, "spec", "minAvailable")).isEqualTo(1);
        assertThat(at(budget, "spec", "maxUnavailable")).isNull();
        assertThat(at(budget, "spec", "selector", "matchLabels")).isEqualTo(selector);

        Object spread = at(deployment, "spec", "template", "spec", "topologySpreadConstraints");
        assertThat(spread).asInstanceOf(LIST).hasSize(2);
        assertThat(List.of(at(spread, 0, "topologyKey"), at(spread, 1, "topologyKey")))
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        for (int i = 0; i < 2; i++) {
            assertThat(at(spread, i, "whenUnsatisfiable")).isEqualTo("ScheduleAnyway");
            assertThat(at(spread, i, "maxSkew")).isEqualTo(1);
            assertThat(at(spread, i, "labelSelector", "matchLabels")).isEqualTo(selector);
            assertThat(at(spread, i, "matchLabelKeys")).isEqualTo(List.of("pod-template-hash"));
        }
    }

    @Test
    void strictLintShouldPassWithTheScaleOutValues() throws IOException {
        Path chart = copyChart();
        Map<String, Object> values = values(Files.readString(chart.resolve("values.yaml")));
        deepMerge(values, values(Files.readString(readmeExample(0))));
        Files.writeString(chart.resolve("values.yaml"), dump(values));

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(values).containsEntry("replicaCount", 3);
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
    }

    @Test
    void everyS3ValueShouldReachItsMirrorPropertyThroughTheEnvironment() {
        Object container = container(render(t -> t
                .set("storage.type", "s3")
                .set("storage.s3.bucket", "images")
                .set("storage.s3.endpoint", "https://minio.example:9000")
                .set("storage.s3.region", "garage")
                .set("storage.s3.pathStyle", true)
                .set("storage.s3.prefix", "flatcar/")
                .set("storage.s3.redirect", true)
                .set("storage.s3.existingSecret", "minio-keys")
                .set("storage.s3.existingSecretKeys.accessKeyId", "user")
                .set("storage.s3.existingSecretKeys.secretAccessKey", "password")).deployment());
        Binder binder = SpringEnvironment.binder(plainEnv(container));

        assertThat(property(binder, "mirror.storage.type")).isEqualTo("s3");
        assertThat(property(binder, "mirror.storage.s3.bucket")).isEqualTo("images");
        assertThat(property(binder, "mirror.storage.s3.endpoint")).isEqualTo("https://minio.example:9000");
        assertThat(property(binder, "mirror.storage.s3.region")).isEqualTo("garage");
        assertThat(property(binder, "mirror.storage.s3.path-style")).isEqualTo("true");
        assertThat(property(binder, "mirror.storage.s3.prefix")).isEqualTo("flatcar/");
        assertThat(property(binder, "mirror.storage.s3.redirect")).isEqualTo("true");
        assertThat(at(env(container, "AWS_ACCESS_KEY_ID"), "valueFrom", "secretKeyRef"))
                .isEqualTo(Map.of("name", "minio-keys", "key", "user"));
        assertThat(at(env(container, "AWS_SECRET_ACCESS_KEY"), "valueFrom", "secretKeyRef"))
                .isEqualTo(Map.of("name", "minio-keys", "key", "password"));
        assertThat(property(SpringEnvironment.binder(plainEnv(container(render(t -> t).deployment()))),
                "mirror.storage.type")).as("filesystem by default: the application's own default").isNull();
    }

    @Test
    void severalReplicasOnAReadWriteOnceVolumeShouldBeRefusedByTheSchemaNamingTheFix() {
        assertThatThrownBy(() -> render(t -> postgres(t).set("replicaCount", 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicaCount > 1 needs an object store every pod can write")
                .hasMessageContaining("set storage.type=s3 (and storage.s3.bucket)")
                .hasMessageContaining("persistence.accessModes={ReadWriteMany}")
                .hasMessageNotContaining("PostgreSQL");
        assertThatThrownBy(() -> render(t -> postgres(t).set("replicaCount", 3)
                .set("persistence.accessModes[0]", "ReadWriteOncePod")))
                .hasMessageContaining("replicaCount > 1 needs an object store every pod can write");
        assertThatThrownBy(() -> render(t -> postgres(t).set("replicaCount", 3).set("persistence.enabled", false)
                .set("persistence.accessModes[0]", "ReadWriteMany")))
                .as("an emptyDir per pod is no shared store")
                .hasMessageContaining("replicaCount > 1 needs an object store every pod can write");
    }

    @Test
    void severalReplicasWithoutPostgresShouldBeRefusedByTheSchemaEvenWithS3() {
        assertThatThrownBy(() -> render(t -> s3(t).set("replicaCount", 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicaCount > 1 needs an external PostgreSQL: set "
                        + "database.url=jdbc:postgresql://HOST:5432/DB and database.username")
                .hasMessageNotContaining("object store");
        assertThatThrownBy(() -> render(t -> s3(t).set("replicaCount", 3)
                .set("database.url", "jdbc:h2:tcp://h2.example/catalog").set("database.username", "sa")))
                .as("the sync lock lives in PostgreSQL")
                .hasMessageContaining("replicaCount > 1 needs an external PostgreSQL");
    }

    @Test
    void withoutTheSchemaTheTemplatesShouldStillRefuseWhatCannotWorkWithTheSameAdvice() throws IOException {
        Path chart = copyChart();
        Files.delete(chart.resolve("values.schema.json"));
        UnaryOperator<TemplateCommand> base = t -> t.withName("mirror").set("admin.token", TOKEN);

        assertThatThrownBy(() -> base.apply(new Helm(chart).template()).set("replicaCount", 3).call())
                .hasMessageNotContaining("schema")
                .hasMessageContaining("replicaCount > 1 needs an external PostgreSQL: set database.url=");
        assertThatThrownBy(() -> postgres(base.apply(new Helm(chart).template())).set("replicaCount", 3).call())
                .hasMessageContaining("replicaCount > 1 needs an object store every pod can write: set storage.type=s3");
        assertThatThrownBy(() -> base.apply(new Helm(chart).template()).set("storage.type", "s3").call())
                .hasMessageContaining("storage.type=s3 needs storage.s3.bucket");
        assertThat(Manifests.parse(scaleOut(base.apply(new Helm(chart).template())).call()).deployment()).isNotNull();
    }

    @Test
    void severalReplicasOnAReadWriteManyClaimWithPostgresShouldShareTheClaimAndRoll() {
        Manifests manifests = render(t -> postgres(t).set("replicaCount", 2)
                .set("persistence.accessModes[0]", "ReadWriteMany"));

        assertThat(at(manifests.single("PersistentVolumeClaim"), "spec", "accessModes")).isEqualTo(List.of("ReadWriteMany"));
        assertThat(at(volume(manifests.deployment(), "data"), "persistentVolumeClaim", "claimName"))
                .isEqualTo("mirror-flatcar-mirror");
        assertThat(at(manifests.deployment(), "spec", "strategy", "type")).isEqualTo("RollingUpdate");
        assertThat(manifests.kinds()).contains("PodDisruptionBudget");
        assertThat(envValue(container(manifests.deployment()), "MIRROR_STORAGE_TYPE")).isNull();
    }

    @Test
    void aSingleReplicaShouldGetNeitherAPodDisruptionBudgetNorATopologySpread() {
        Manifests manifests = render(t -> t);

        assertThat(at(manifests.deployment(), "spec", "replicas")).isEqualTo(1);
        assertThat(at(manifests.deployment(), "spec", "strategy", "type")).isEqualTo("Recreate");
        assertThat(manifests.kinds()).doesNotContain("PodDisruptionBudget");
        assertThat(at(manifests.deployment(), "spec", "template", "spec", "topologySpreadConstraints")).isNull();
        Manifests s3 = render(t -> postgres(s3(t)));
        assertThat(s3.kinds()).doesNotContain("PodDisruptionBudget");
        assertThat(at(s3.deployment(), "spec", "template", "spec", "topologySpreadConstraints")).isNull();
    }

    @Test
    void s3WithTheEmbeddedH2CatalogShouldKeepAClaimForTheCatalogAndRecreate() {
        Manifests h2 = render(t -> s3(t));
        assertThat(h2.kinds()).contains("PersistentVolumeClaim");
        assertThat(at(volume(h2.deployment(), "data"), "persistentVolumeClaim", "claimName")).isEqualTo("mirror-flatcar-mirror");
        assertThat(envValue(container(h2.deployment()), "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:h2:file:/data/catalog");
        assertThat(at(h2.deployment(), "spec", "strategy", "type")).isEqualTo("Recreate");

        Manifests postgres = render(t -> postgres(s3(t)).set("storage.s3.stagingSizeLimit", "10Gi"));
        assertThat(postgres.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(at(volume(postgres.deployment(), "data"), "emptyDir", "sizeLimit")).isEqualTo("10Gi");
        assertThat(at(postgres.deployment(), "spec", "strategy", "type")).isEqualTo("RollingUpdate");
        assertThat(mountPath(container(postgres.deployment()), "data")).isEqualTo("/data");
        assertThat(mountPath(container(postgres.deployment()), "tmp")).isEqualTo("/tmp");
    }

    @Test
    void s3WithoutABucketShouldBeRefusedNamingTheValue() {
        assertThatThrownBy(() -> render(t -> t.set("storage.type", "s3")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("storage.type=s3 needs storage.s3.bucket");
        assertThatThrownBy(() -> render(t -> t.set("storage.type", "gcs")))
                .hasMessageContaining("/storage/type");
    }

    @Test
    void withoutStaticKeysTheServiceAccountShouldCarryTheIrsaRoleAndNoAwsKeysBeSet() throws IOException {
        Path scale = readmeExample(0);
        Path irsa = readmeExample(1);
        Manifests manifests = renderWithoutToken(t -> t.withValuesFile(scale).withValuesFile(irsa));
        Object serviceAccount = manifests.single("ServiceAccount");
        Object pod = at(manifests.deployment(), "spec", "template", "spec");

        assertThat(at(serviceAccount, "metadata", "annotations", "eks.amazonaws.com/role-arn"))
                .isEqualTo("arn:aws:iam::111122223333:role/flatcar-mirror");
        assertThat(at(pod, "serviceAccountName")).isEqualTo(at(serviceAccount, "metadata", "name"))
                .isEqualTo("mirror-flatcar-mirror");
        // EKS's webhook projects the web identity token itself; the API token stays out of the pod.
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
        assertThat(at(serviceAccount, "automountServiceAccountToken")).isEqualTo(false);
        Object container = container(manifests.deployment());
        assertThat(env(container, "AWS_ACCESS_KEY_ID")).isNull();
        assertThat(env(container, "AWS_SECRET_ACCESS_KEY")).isNull();
        assertThat(envValue(container, "MIRROR_STORAGE_TYPE")).isEqualTo("s3");
    }

    @Test
    void theServiceAccountShouldFollowItsValues() {
        Manifests shared = render(t -> t.set("serviceAccount.create", false).set("serviceAccount.name", "mirrors"));
        assertThat(shared.kinds()).doesNotContain("ServiceAccount");
        assertThat(at(shared.deployment(), "spec", "template", "spec", "serviceAccountName")).isEqualTo("mirrors");

        assertThat(at(render(t -> t.set("serviceAccount.create", false)).deployment(),
                "spec", "template", "spec", "serviceAccountName")).isEqualTo("default");

        Manifests mounted = render(t -> t.set("serviceAccount.automountServiceAccountToken", true)
                .set("serviceAccount.name", "web-identity"));
        assertThat(at(mounted.deployment(), "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(true);
        assertThat(at(mounted.single("ServiceAccount"), "metadata", "name")).isEqualTo("web-identity");
        assertThat(at(mounted.deployment(), "spec", "template", "spec", "serviceAccountName")).isEqualTo("web-identity");
    }

    @Test
    void thePodDisruptionBudgetShouldFollowItsValues() {
        Object percentage = render(t -> scaleOut(t).set("podDisruptionBudget.maxUnavailable", "50%"))
                .single("PodDisruptionBudget");
        assertThat(at(percentage, "spec", "maxUnavailable")).isEqualTo("50%");
        assertThat(at(percentage, "spec", "minAvailable")).isNull();

        assertThat(at(render(t -> scaleOut(t).set("podDisruptionBudget.minAvailable", 2)).single("PodDisruptionBudget"),
                "spec", "minAvailable")).isEqualTo(2);
        assertThat(render(t -> scaleOut(t).set("podDisruptionBudget.enabled", false)).kinds())
                .doesNotContain("PodDisruptionBudget");
        assertThatThrownBy(() -> render(t -> scaleOut(t).set("podDisruptionBudget.minAvailable", "half")))
                .hasMessageContaining("/podDisruptionBudget/minAvailable");
    }

    @Test
    void theTopologySpreadShouldFollowItsValuesOrGiveWayToYourOwnConstraints() throws IOException {
        Object strict = at(render(t -> scaleOut(t).set("topologySpread.whenUnsatisfiable", "DoNotSchedule")
                .set("topologySpread.maxSkew", 2)).deployment(), "spec", "template", "spec", "topologySpreadConstraints");
        assertThat(at(strict, 0, "whenUnsatisfiable")).isEqualTo("DoNotSchedule");
        assertThat(at(strict, 1, "whenUnsatisfiable")).isEqualTo("DoNotSchedule");
        assertThat(at(strict, 1, "maxSkew")).isEqualTo(2);

        assertThat(at(render(t -> scaleOut(t).set("topologySpread.enabled", false)).deployment(),
                "spec", "template", "spec", "topologySpreadConstraints")).isNull();

        Path own = write("spread.yaml", """
                topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: topology.kubernetes.io/region
                    whenUnsatisfiable: DoNotSchedule
                    labelSelector:
                      matchLabels: {app.kubernetes.io/name: flatcar-mirror}
                """);
        Object mine = at(render(t -> t.withValuesFile(own)).deployment(), "spec", "template", "spec",
                "topologySpreadConstraints");
        assertThat(mine).asInstanceOf(LIST).hasSize(1);
        assertThat(at(mine, 0, "topologyKey")).isEqualTo("topology.kubernetes.io/region");
    }

    @Test
    void notesShouldNameTheBucketAndTheReplicas() throws IOException {
        Release release = new Helm(CHART).install()
                .withName("mirror").withNamespace("flatcar")
                .clientOnly().withDryRunOption(DryRun.CLIENT)
                .withValuesFile(readmeExample(0))
                .call();

        assertThat(release.getOutput())
                .contains("Storage:  S3 bucket flatcar-images (credentials from Secret flatcar-mirror-s3).")
                .contains("/data is an emptyDir (4Gi)")
                .contains("Catalog:  jdbc:postgresql://postgres.db.svc:5432/flatcar_mirror")
                .contains("Replicas: 3;");
    }

    // ------------------------------------------------------------------------- alerts and dashboard

    @Test
    void thePrometheusRuleShouldBeAbsentByDefaultAndCarryTheChartsAlertFileWhenEnabled() throws IOException {
        assertThat(render(t -> t).kinds()).doesNotContain("PrometheusRule");

        Object rule = render(t -> t.set("metrics.prometheusRule.enabled", true)
                .set("metrics.prometheusRule.labels.release", "kube-prometheus-stack")).single("PrometheusRule");

        assertThat(at(rule, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(at(rule, "metadata", "name")).isEqualTo("mirror-flatcar-mirror");
        assertThat(at(rule, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
        assertThat(at(rule, "spec")).isEqualTo(parseYaml(Files.readString(AlertRulesTest.ALERTS)));
        assertThat(AlertRulesTest.rules(at(rule, "spec"))).hasSize(7);
    }

    @Test
    void promtoolShouldAcceptTheRenderedPrometheusRulesSpec() throws Exception {
        Object rule = render(t -> t.set("metrics.prometheusRule.enabled", true)).single("PrometheusRule");
        Path file = write("rendered-rules.yaml", dump(at(rule, "spec")));

        assertThat(Promtool.run("check", "rules", file.toString())).contains("SUCCESS: 7 rules found");
    }

    @Test
    void theDashboardConfigMapShouldBeAbsentByDefaultAndCarryTheDashboardForGrafanasSidecar() throws IOException {
        assertThat(render(t -> t).named("ConfigMap", "mirror-flatcar-mirror-dashboard")).isNull();

        Object configMap = render(t -> t.set("grafana.dashboard.enabled", true))
                .named("ConfigMap", "mirror-flatcar-mirror-dashboard");
        JsonMapper json = JsonMapper.builder().build();

        assertThat(at(configMap, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
        assertThat(at(configMap, "metadata", "namespace")).isNull();
        assertThat(json.readTree((String) at(configMap, "data", "flatcar-mirror.json")))
                .isEqualTo(json.readTree(Files.readString(GrafanaDashboardTest.DASHBOARD)));

        Object custom = render(t -> t.set("grafana.dashboard.enabled", true)
                .set("grafana.dashboard.label", "dashboards.example/grafana")
                .set("grafana.dashboard.labelValue", "flatcar")
                .set("grafana.dashboard.namespace", "monitoring")
                .set("grafana.dashboard.annotations.grafana_folder", "Flatcar"))
                .named("ConfigMap", "mirror-flatcar-mirror-dashboard");
        assertThat(at(custom, "metadata", "labels", "dashboards.example/grafana")).isEqualTo("flatcar");
        assertThat(at(custom, "metadata", "labels", "grafana_dashboard")).isNull();
        assertThat(at(custom, "metadata", "namespace")).isEqualTo("monitoring");
        assertThat(at(custom, "metadata", "annotations", "grafana_folder")).isEqualTo("Flatcar");
    }

    @Test
    void theServiceMonitorsJobShouldBeTheOneTheAlertsExpect() throws IOException {
        Manifests manifests = render(t -> t.set("serviceMonitor.enabled", true));
        String jobLabel = (String) at(manifests.single("ServiceMonitor"), "spec", "jobLabel");

        assertThat(jobLabel).isEqualTo("app.kubernetes.io/name");
        assertThat(at(manifests.single("Service"), "metadata", "labels", jobLabel)).isEqualTo("flatcar-mirror");
        assertThat(Files.readString(AlertRulesTest.ALERTS)).contains("up{job=\"flatcar-mirror\"}");
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

    private static TemplateCommand postgres(TemplateCommand command) {
        return command.set("database.url", "jdbc:postgresql://db.example:5432/mirror").set("database.username", "mirror");
    }

    private static TemplateCommand s3(TemplateCommand command) {
        return command.set("storage.type", "s3").set("storage.s3.bucket", "flatcar-images");
    }

    private static TemplateCommand scaleOut(TemplateCommand command) {
        return s3(postgres(command)).set("replicaCount", 3);
    }

    /** The index-th ```yaml block of the chart README's "Scaling out" section, as a values file. */
    private Path readmeExample(int index) throws IOException {
        String readme = Files.readString(CHART.resolve("README.md"));
        int start = readme.indexOf("\n## Scaling out\n");
        assertThat(start).as("chart README has a \"## Scaling out\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(start, end < 0 ? readme.length() : end));
        for (int i = 0; i < index; i++) {
            assertThat(block.find()).isTrue();
        }
        assertThat(block.find()).as("yaml block %d of \"Scaling out\"", index).isTrue();
        return write("readme-example-" + index + ".yaml", block.group(1));
    }

    private Path copyChart() throws IOException {
        Path copy = tmp.resolve("chart");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(String yaml) {
        return (Map<String, Object>) parseYaml(yaml);
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && target.get(key) instanceof Map<?, ?> existing) {
                deepMerge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                target.put(key, value);
            }
        });
    }

    private static String dump(Object yaml) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(yaml);
    }

    /** The container's literal environment variables (valueFrom ones left out), as the JVM would see them. */
    private static Map<String, String> plainEnv(Object container) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Object variable : (List<?>) at(container, "env")) {
            if (at(variable, "value") != null) {
                variables.put((String) at(variable, "name"), String.valueOf(at(variable, "value")));
            }
        }
        return variables;
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

        /** The document of this kind and name, or null. */
        Object named(String kind, String name) {
            return documents.stream()
                    .filter(document -> kind.equals(at(document, "kind")) && name.equals(at(document, "metadata", "name")))
                    .findFirst().orElse(null);
        }
    }
}
