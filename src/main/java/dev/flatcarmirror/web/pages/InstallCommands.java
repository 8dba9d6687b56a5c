package dev.flatcarmirror.web.pages;

import java.util.List;

/**
 * Ready-to-copy commands for one published release, with this mirror's own base URL in them.
 *
 * @param downloads      one {@code curl} per verified file, fetching its signature along
 * @param flatcarInstall null unless the disk image is mirrored
 * @param ipxe           a script booting this release's PXE kernel and initrd, or null unless both are mirrored
 * @param ipxeChain      a script chaining to this mirror's iPXE route for the channel's current release
 * @param kernelArgs     the kernel command line of {@code ipxe}
 * @param configUrl      the default config's machine URL, token redacted; null when there is no default config
 */
record InstallCommands(List<String> downloads, String flatcarInstall, String ipxe, String ipxeChain, String kernelArgs,
                       String configUrl) {
}
