/**
 * Provisioning machines from the mirror: profiles binding a machine selector (MAC, UUID, hostname, or none for
 * the default) to a channel, board, Ignition config and kernel arguments, the iPXE scripts that boot a channel's
 * current verified PXE kernel and initrd ({@code /boot.ipxe}, {@code /ipxe}, {@code /ipxe/{channel}}), and
 * metadata for tools: Fedora CoreOS-shaped streams ({@code /streams/{channel}.json}) and an Atom feed of
 * published releases. {@link dev.flatcarmirror.provisioning.BootReleases} is the one place that says which
 * release a channel boots now. {@link dev.flatcarmirror.provisioning.PxeBoot} renders the scripts for the pages.
 */
@ApplicationModule(displayName = "Provisioning", allowedDependencies = {"catalog", "channel", "ignition", "release"})
package dev.flatcarmirror.provisioning;

import org.springframework.modulith.ApplicationModule;
