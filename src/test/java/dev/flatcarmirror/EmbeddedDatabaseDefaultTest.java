package dev.flatcarmirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The zero-setup default: no datasource configured means an embedded H2 file database, migrated
 * by the same Flyway scripts as PostgreSQL and validated by Hibernate. Only the file's directory
 * is moved into a temporary folder so the test leaves nothing in the checkout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDatabaseDefaultTest {

    static final Path DATA = temporary();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("catalog"));
        registry.add("mirror.storage.path", () -> DATA.resolve("objects").toString());
        registry.add("mirror.channels[0].name", () -> "stable");
        registry.add("mirror.channels[0].base-url", () -> "http://127.0.0.1:9/stable");
        registry.add("mirror.signing.key-url", () -> "");
    }

    @Autowired
    DataSource dataSource;

    @Test
    void catalogShouldRunOnEmbeddedH2WithTheSameMigrations() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(dataSource.getConnection().getMetaData().getDatabaseProductName()).isEqualTo("H2");
        assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\" where \"success\"", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from channel where name = 'stable'", Integer.class)).isOne();
        assertThat(Files.list(DATA).map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("catalog"));
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("mirror-h2-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
