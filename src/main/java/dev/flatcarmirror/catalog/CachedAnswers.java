package dev.flatcarmirror.catalog;

import dev.flatcarmirror.catalog.CatalogCache.Key;
import dev.flatcarmirror.catalog.CatalogCache.Kind;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The catalog's answer memory for what another module derives from rows of its own in the catalog's database (release
 * control's board state, for one): kept and dropped together with {@link CatalogQueries}' answers. The rule that
 * makes it correct is the writer's: a transaction that changes such rows calls {@link CatalogChanges#record}, which
 * drops every answer here after the commit and, through the change counter, on the other replicas.
 */
@Component
public class CachedAnswers {

    private final CatalogCache cache;

    CachedAnswers(CatalogCache cache) {
        this.cache = cache;
    }

    /** The answer named {@code what} for a channel's board, loaded by {@code loader} when the memory has none; immutable. */
    public <T> T get(String what, String channel, String board, Supplier<T> loader) {
        return cache.get(new Key(Kind.DERIVED, channel, board, what), loader);
    }
}
