package dev.flatcarmirror.provisioning;

import static dev.flatcarmirror.channel.ChannelProperties.PXE_INITRD;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_KERNEL;

import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.PublicUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * iPXE scripts. A script is a command language: whitespace splits arguments, {@code ${...}} expands settings,
 * {@code ||}, {@code &&} and {@code ;} chain commands, a line break starts a new command. Nothing from a
 * request or the admin API is written into one unless it passed a check that rules all of that out (configured
 * channel and board names, {@link dev.flatcarmirror.catalog.ReleaseVersion}s, config names, tokens, {@link KernelArgs}
 * and {@link PublicUrls} base URLs), and {@link #word} checks again as the line is written, so a value that
 * slipped through fails the request instead of becoming a command.
 */
public final class PxeBoot {

    /** What Flatcar's PXE documentation puts on the kernel line, before the config URL and any extra arguments. */
    public static final List<String> FLATCAR_ARGS = List.of("initrd=" + PXE_INITRD, "flatcar.first_boot=1");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._,:/=+@%~?&\\[\\]-]+");

    private PxeBoot() {
    }

    /** The kernel arguments for booting with this config URL (null: none) and these extra arguments. */
    public static List<String> kernelArgs(String ignitionUrl, List<String> extra) {
        List<String> args = new ArrayList<>(FLATCAR_ARGS);
        if (ignitionUrl != null) {
            args.add("ignition.config.url=" + ignitionUrl);
        }
        args.addAll(extra);
        return args;
    }

    /** The script booting {@code version} of the board from this mirror, with these kernel arguments. */
    public static String script(String mirror, String channel, String board, String version, List<String> kernelArgs) {
        String files = mirror + MirrorPaths.versionBase(channel, board, version);
        StringBuilder script = new StringBuilder("#!ipxe\n")
                .append("# Flatcar ").append(word(channel)).append(' ').append(word(version)).append(" (").append(word(board))
                .append("), verified by this mirror\n")
                .append("kernel ").append(word(files + "/" + PXE_KERNEL));
        for (String arg : kernelArgs) {
            script.append(' ').append(word(arg));
        }
        return script.append('\n')
                .append("initrd ").append(word(files + "/" + PXE_INITRD)).append('\n')
                .append("boot\n")
                .toString();
    }

    /**
     * The script as a page shows it, with a config URL whose token is {@code <redacted>} (or none): not something
     * to serve, since {@code <redacted>} is no value iPXE should pass on, but what a person copies and completes.
     */
    public static String scriptForPage(String mirror, String channel, String board, String version, String redactedConfigUrl) {
        String standIn = "ignition.config.url=" + STAND_IN;
        if (redactedConfigUrl != null) {
            word(redactedConfigUrl.replace(REDACTED, "x"));
        }
        return script(mirror, channel, board, version, kernelArgs(null, List.of(standIn)))
                .replace(standIn, "ignition.config.url=" + (redactedConfigUrl == null ? PLACEHOLDER_CONFIG : redactedConfigUrl));
    }

    /** Shown where no config is known yet. */
    public static final String PLACEHOLDER_CONFIG = "https://example.com/pxe-config.ign";
    private static final String STAND_IN = "STAND-IN";
    private static final String REDACTED = "<redacted>";

    /** {@code /boot.ipxe}: asks iPXE for the machine's identity, then chains to the profile's script. */
    public static String bootstrap(String mirror) {
        return "#!ipxe\nchain " + word(mirror) + MirrorPaths.ipxeForMachine() + "?mac=${mac:hexhyp}&uuid=${uuid}&hostname=${hostname}\n";
    }

    /** A snippet to paste into an existing iPXE menu: chains to the channel's script. */
    public static String chainSnippet(String mirror, String channel, String board, String ignition) {
        String url = mirror + MirrorPaths.ipxeForChannel(channel) + "?board=" + board + (ignition == null ? "" : "&ignition=" + ignition);
        return "#!ipxe\nchain " + word(url) + "\n";
    }

    static String word(String value) {
        if (value == null || !WORD.matcher(value).matches() || value.contains("&&") || value.contains("||")) {
            throw new IllegalStateException("refusing to write '" + dev.flatcarmirror.Untrusted.shown(value) + "' into an iPXE script");
        }
        return value;
    }
}
