/**
 * Release control: internal channels ({@code mirror.internal-channels}) that follow a mirrored channel with a
 * policy (soak, approval), the admin operations that hold, pin, promote and roll them back, and their audit log.
 * {@link dev.flatcarmirror.release.ServedChannels} and {@link dev.flatcarmirror.release.CurrentReleases} are what
 * every reader asks which channels exist and what each serves now, mirrored or internal; an internal channel's
 * releases are the followed channel's, served from the same stored objects.
 */
@ApplicationModule(displayName = "Release control", allowedDependencies = {"catalog", "channel", "lock"})
package dev.flatcarmirror.release;

import org.springframework.modulith.ApplicationModule;
