/**
 * Everything the public HTTP interface answers: the JSON API ({@code api}), the files in upstream's layout
 * with ranges and validators ({@code files}), and the HTML and JSON directory listings ({@code pages}).
 * It exposes nothing to other modules.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {"catalog", "channel", "storage", "sync", "ignition", "provisioning", "release"})
package dev.flatcarmirror.web;

import org.springframework.modulith.ApplicationModule;
