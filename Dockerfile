# Container image for flatcar-mirror.
#
#   docker build -t flatcar-mirror:0.1.0 .
#   docker run -p 8080:8080 -v flatcar-mirror-data:/data -e MIRROR_ADMIN_TOKEN=... flatcar-mirror:0.1.0
#
# The image runs as uid/gid 10001, keeps all state under /data (object store and, without PostgreSQL,
# the H2 catalog) and needs nothing else writable but /tmp, so it runs with a read-only root filesystem.

# ---------------------------------------------------------------------------------------------- build
FROM eclipse-temurin:21-jdk AS build
WORKDIR /build

# Wrapper and POM first, dependencies resolved in their own layer: it is rebuilt only when they change.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline

COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
    && cp target/flatcar-mirror-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# -------------------------------------------------------------------------------------------- runtime
FROM eclipse-temurin:21-jre

ARG UID=10001
ARG GID=10001
RUN groupadd --system --gid "${GID}" mirror \
    && useradd --system --uid "${UID}" --gid "${GID}" --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin mirror \
    && mkdir -p /data/objects \
    && chown -R "${UID}:${GID}" /data \
    && chmod 0750 /data /data/objects

WORKDIR /app
# One layer each, least to most often changed; the files stay root-owned and read-only for the app.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# Defaults; every one can be overridden at run time. Without SPRING_DATASOURCE_URL pointing at
# PostgreSQL the catalog is an H2 file database on the volume. Channels, signing keys and the poll
# interval come from a mounted config file (SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/)
# or MIRROR_* variables, so none is fixed here.
ENV SPRING_DATASOURCE_URL=jdbc:h2:file:/data/catalog \
    MIRROR_STORAGE_PATH=/data/objects \
    SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/ \
    SPRING_THREADS_VIRTUAL_ENABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

VOLUME ["/data"]
EXPOSE 8080

# Numeric user so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001

# The Temurin Ubuntu images still ship curl and wget, but only "for historical reasons" (they may go), so
# the check uses nothing but bash (part of the Ubuntu base) and its /dev/tcp: an HTTP/1.0 request to the
# liveness group, healthy on a 200 status line. It follows MANAGEMENT_SERVER_PORT when that moves actuator.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 5 _ status _ <&3 && [ \"$status\" = 200 ]"]

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
