/**
 * Retention: per channel and board, the current release and the newest {@code keep} published ones (and any
 * younger than {@code keep-for}) are kept; older published releases, and failed or never-published ones whose
 * last attempt is older than {@code abandoned-after}, are pruned: withdrawn at once (no longer served or
 * listed, recorded in the history as {@code pruned}), then deleted, files and rows together, once
 * {@code delete-delay} has passed and no client of this instance is still reading them. The dry run
 * ({@code GET /admin/retention/plan}) is the very plan the next pass carries out.
 */
@ApplicationModule(displayName = "Retention", allowedDependencies = {"catalog", "channel", "lock", "release", "storage"})
package dev.flatcarmirror.retention;

import org.springframework.modulith.ApplicationModule;
