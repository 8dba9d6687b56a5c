package dev.flatcarmirror.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for the tests, found in this order: the JDBC URL in
 * {@code MIRROR_TEST_JDBC_URL} (with {@code MIRROR_TEST_JDBC_USER} / {@code _PASSWORD}),
 * a Testcontainers container when Docker is available, or a throwaway database created on the
 * local server at 127.0.0.1:5432 (user {@code postgres}) and dropped when the JVM ends.
 * Each Spring context gets a schema of its own, so contexts never see each other's rows.
 */
public final class PostgresTestDatabase {

    private record Server(String url, String username, String password) {
    }

    private static Server server;

    private PostgresTestDatabase() {
    }

    /** Points the context's datasource at a fresh schema of the test database. */
    public static void register(DynamicPropertyRegistry registry) {
        freshSchema().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Datasource and Flyway properties for a fresh schema, e.g. to start the application in another process. */
    public static Map<String, String> freshSchema() {
        Server found = server();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String separator = found.url().contains("?") ? "&" : "?";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", found.url() + separator + "currentSchema=" + schema);
        properties.put("spring.datasource.username", found.username());
        properties.put("spring.datasource.password", found.password());
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        // Spring keeps every test context alive; small pools keep them all under the server's connection limit.
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        return properties;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = find();
        }
        return server;
    }

    private static Server find() {
        String url = System.getenv("MIRROR_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, env("MIRROR_TEST_JDBC_USER", "postgres"), env("MIRROR_TEST_JDBC_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return throwawayLocalDatabase();
    }

    private static Server throwawayLocalDatabase() {
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String database = "flatcar_mirror_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for the tests: MIRROR_TEST_JDBC_URL is not set, Docker is not available, "
                    + "and no server accepts user postgres at 127.0.0.1:5432 (" + e.getMessage() + "). "
                    + "Start one, e.g. pg_ctlcluster <version> main start.", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, database)));
        return new Server("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    private static void drop(String admin, String database) {
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
