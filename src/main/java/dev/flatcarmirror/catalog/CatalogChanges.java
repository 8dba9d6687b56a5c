package dev.flatcarmirror.catalog;

import jakarta.persistence.EntityManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a writer tells every instance that what the catalog answers changed: {@link #record} bumps the
 * {@code catalog_generation} row in the writer's own transaction (other replicas see it when they next check,
 * {@link CatalogChangeWatch}) and publishes {@link CatalogChanged}, which drops this instance's cached answers
 * right after the commit. A writer outside the catalog that changes what is served calls it too.
 */
@Component
public class CatalogChanges {

    private final EntityManager entities;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;

    CatalogChanges(EntityManager entities, JdbcTemplate jdbc, ApplicationEventPublisher publisher) {
        this.entities = entities;
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    /**
     * Call inside the transaction that makes the change, after its writes: the native update flushes them first,
     * so every writer takes its row locks before the counter's, in the same order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String why) {
        int rows = entities.createNativeQuery("update catalog_generation set generation = generation + 1 where id = 1")
                .executeUpdate();
        if (rows != 1) {
            throw new IllegalStateException("catalog_generation has no row 1 (V40__catalog_generation.sql inserts it)");
        }
        publisher.publishEvent(new CatalogChanged(why));
    }

    /** The counter as committed; outside any transaction, for the check of other replicas' changes. */
    long generation() {
        Long generation = jdbc.queryForObject("select generation from catalog_generation where id = 1", Long.class);
        if (generation == null) {
            throw new IllegalStateException("catalog_generation has no row 1");
        }
        return generation;
    }
}
