package dev.flatcarmirror.catalog;

/**
 * Something clients are answered from changed in the catalog: published, quarantined, pruned, a poll's outcome.
 * Published by {@link CatalogChanges#record} inside the writing transaction; listeners that drop what they keep
 * from the catalog listen after commit, so that their next read sees the change.
 *
 * @param why what changed, for logs
 */
public record CatalogChanged(String why) {
}
