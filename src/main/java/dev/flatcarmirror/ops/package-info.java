/**
 * Running the mirror: Prometheus meters that no other feature owns, health indicators (readiness on the
 * store, per-board freshness as an UP-only detail) and the served-bytes meter. It exposes nothing.
 */
@ApplicationModule(displayName = "Ops", allowedDependencies = {"catalog", "channel", "release", "storage", "sync"})
package dev.flatcarmirror.ops;

import org.springframework.modulith.ApplicationModule;
