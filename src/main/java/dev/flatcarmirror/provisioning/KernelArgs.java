package dev.flatcarmirror.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Extra kernel arguments of a profile. Each is written into an iPXE {@code kernel} line, where whitespace
 * separates arguments, {@code ${...}} expands settings and {@code ||}, {@code &&} and {@code ;} chain commands;
 * quoting does not exist for the kernel's own parser either. So each argument is one word of a conservative set
 * ({@code console=ttyS0,115200n8}, {@code flatcar.autologin}, {@code systemd.unit=rescue.target},
 * {@code rd.luks.options=discard}, ...) and anything else is refused, never escaped into something else.
 */
final class KernelArgs {

    static final String ALLOWED = "[A-Za-z0-9._,:/=+@%~-]{1,256}";
    private static final Pattern ARG = Pattern.compile(ALLOWED);
    static final int MAX = 32;

    private KernelArgs() {
    }

    /** @return what is wrong with each refused argument, by its index; empty when all are fine */
    static List<String> problems(List<String> args) {
        List<String> problems = new ArrayList<>();
        if (args.size() > MAX) {
            problems.add("kernelArgs: at most " + MAX + " arguments");
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg == null || !ARG.matcher(arg).matches()) {
                problems.add("kernelArgs[" + i + "]: '" + dev.flatcarmirror.Untrusted.shown(arg) + "' must be one word of letters, digits and "
                        + "._,:/=+@%~- (no spaces, quotes, $, {}, ;, &, | or #, which iPXE would interpret)");
            }
        }
        return problems;
    }

    static boolean isSafe(String arg) {
        return arg != null && ARG.matcher(arg).matches();
    }
}
