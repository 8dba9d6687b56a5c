package dev.flatcarmirror.testsupport;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.sync.PollScheduler;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands a shared application from one test class to the next as an empty mirror, so each class's
 * scenario starts where it would in an application of its own: nothing upstream, nothing in the
 * catalog, nothing stored. The catalog is emptied table by table, whatever the migrations created,
 * and the channels are registered again as at start-up.
 */
final class MirrorReset {

    private static final Logger log = LoggerFactory.getLogger(MirrorReset.class);

    private final ApplicationContext context;
    private final MirrorFixture fixture;
    private Class<?> user;

    MirrorReset(ApplicationContext context, MirrorFixture fixture) {
        this.context = context;
        this.fixture = fixture;
    }

    /** Empties the mirror unless {@code testClass} is the first to use it (or the one that used it last). */
    synchronized void handOverTo(Class<?> testClass) throws InterruptedException {
        if (user != null && user != testClass) {
            log.info("Emptying the mirror {} left for {}", user.getSimpleName(), testClass.getSimpleName());
            empty();
        }
        user = testClass;
    }

    private void empty() throws InterruptedException {
        fixture.upstream().reset();
        MirrorProperties mirror = context.getBean(MirrorProperties.class);
        PollScheduler scheduler = context.getBean(PollScheduler.class);
        // pollNow waits for a poll under way to end; against the empty upstream its own poll only records a 404.
        for (ChannelProperties channel : mirror.channels()) {
            scheduler.pollNow(channel.name());
        }
        fixture.emptyStorage();
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        String flywayHistory = context.getEnvironment().getProperty("spring.flyway.table", "flyway_schema_history");
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables"
                + " where table_schema = current_schema() and table_type = 'BASE TABLE'", String.class).stream()
                // The change counter only moves forward: emptied, a replica could miss the next change. The registration
                // below bumps it, which drops what the application cached from the catalog just emptied.
                .filter(table -> !table.equalsIgnoreCase(flywayHistory) && !table.equalsIgnoreCase("catalog_generation")).toList();
        jdbc.execute("truncate table " + String.join(", ", tables));
        Catalog catalog = context.getBean(Catalog.class);
        for (ChannelProperties channel : mirror.channels()) {
            catalog.register(channel.name(), channel.boards());
        }
        fixture.upstream().reset();
    }
}
