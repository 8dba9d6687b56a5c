/**
 * Garbage collection: a periodic sweep deletes stored objects that no catalog row refers to and that are older
 * than {@code mirror.gc.protection} (a sync in progress on another replica stores its files a moment before it
 * records them), and what crashed writers left in staging; it reports each removal. Referenced objects, pruned
 * releases' included until retention deletes them, are never touched.
 */
@ApplicationModule(displayName = "Garbage collection", allowedDependencies = {"catalog", "lock", "storage"})
package dev.flatcarmirror.gc;

import org.springframework.modulith.ApplicationModule;
