/**
 * Ignition configs as managed documents: validated against the config spec (3.0 to 3.5) before they are
 * accepted, kept with every earlier version, served to machines at first boot at
 * {@code /ignition/{name}.ign}, optionally behind a token and client networks, with a global or per-channel
 * base config referenced through {@code ignition.config.merge}. The admin API ({@code /admin/ignition/**})
 * and the config page live here too. {@link dev.flatcarmirror.ignition.IgnitionConfigs} is what other
 * modules use: whether a config exists, whether a client may have it, and its machine URL.
 */
@ApplicationModule(displayName = "Ignition", allowedDependencies = {"channel"})
package dev.flatcarmirror.ignition;

import org.springframework.modulith.ApplicationModule;
