/**
 * What the mirror holds: channels, boards, releases and their verified files, and the sync history, in
 * JPA entities whose state changes guard themselves ({@code Release.markPublished}). {@link dev.flatcarmirror.catalog.Catalog}
 * is the write side (one transaction per step, {@code publish} the one in which a release becomes visible),
 * {@link dev.flatcarmirror.catalog.CatalogQueries} the read side (views only). It owns the release value
 * types ({@link dev.flatcarmirror.catalog.ReleaseVersion}, {@link dev.flatcarmirror.catalog.VersionTxt}).
 * Flyway owns the schema ({@code db/migration}).
 */
@ApplicationModule(displayName = "Catalog", allowedDependencies = {})
package dev.flatcarmirror.catalog;

import org.springframework.modulith.ApplicationModule;
