package dev.flatcarmirror.testsupport;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Something a test needs that a laptop may lack: a tool ({@code gpg}, {@code promtool}) or the genuine Flatcar files
 * in {@code ../shared/flatcar}. Without it the test is skipped with a message saying how to get it, except where it
 * is required: under CI ({@code CI} set to anything but {@code false}), or when the named {@code MIRROR_REQUIRE_*}
 * variable is {@code true} ({@code .ci/run} sets them). There a missing prerequisite fails the test, so a green build
 * can never mean "not checked".
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /**
     * @param present         whether the prerequisite is there
     * @param what            what is missing, for the message
     * @param requireVariable the {@code MIRROR_REQUIRE_*} variable that makes it mandatory
     * @param howToGet        how to provide it
     */
    public static void require(boolean present, String what, String requireVariable, String howToGet) {
        require(System.getenv(), present, what, requireVariable, howToGet);
    }

    static void require(Map<String, String> environment, boolean present, String what, String requireVariable, String howToGet) {
        if (present) {
            return;
        }
        if (isRequired(environment, requireVariable)) {
            throw new AssertionError(what + " is missing, and it is required here (" + requireVariable + "=true or CI is set): "
                    + howToGet);
        }
        Assumptions.abort(what + " is missing; skipped outside CI (" + howToGet + ")");
    }

    static boolean isRequired(Map<String, String> environment, String requireVariable) {
        String ci = environment.get("CI");
        boolean underCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        return underCi || "true".equalsIgnoreCase(environment.get(requireVariable));
    }
}
