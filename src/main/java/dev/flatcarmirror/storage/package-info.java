/**
 * Where verified files live, behind the narrow {@link dev.flatcarmirror.storage.ObjectStore}: staged locally,
 * made visible in one atomic step, addressed by {@link dev.flatcarmirror.storage.ObjectKey}s that cannot climb out.
 */
@ApplicationModule(displayName = "Storage", allowedDependencies = {})
package dev.flatcarmirror.storage;

import org.springframework.modulith.ApplicationModule;
