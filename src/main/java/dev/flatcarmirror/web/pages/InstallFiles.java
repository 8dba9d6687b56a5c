package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.channel.ChannelProperties.PXE_INITRD;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_KERNEL;

/** The script network boot reads, with the files Flatcar names for it. */
final class InstallFiles {

    private InstallFiles() {
    }

    /** As in Flatcar's iPXE documentation; the Ignition URL is the one line people must change. */
    static String ipxeScript(String versionBaseUrl) {
        return "#!ipxe\n\n"
                + "set base-url " + versionBaseUrl + "\n"
                + "kernel ${base-url}/" + PXE_KERNEL + " initrd=" + PXE_INITRD
                + " flatcar.first_boot=1 ignition.config.url=https://example.com/pxe-config.ign\n"
                + "initrd ${base-url}/" + PXE_INITRD + "\n"
                + "boot\n";
    }
}
