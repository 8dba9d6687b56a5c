package dev.flatcarmirror.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence), for comparing two versions of a config on its page.
 * Quadratic, so bounded: texts longer than {@link #MAX_LINES} lines are not diffed here.
 */
final class LineDiff {

    static final int MAX_LINES = 2000;

    enum Kind { SAME, REMOVED, ADDED }

    record Line(Kind kind, String text) {

        /** {@code "  "}, {@code "- "} or {@code "+ "}, as unified diffs mark lines. */
        public String marker() {
            return switch (kind) {
                case SAME -> "  ";
                case REMOVED -> "- ";
                case ADDED -> "+ ";
            };
        }
    }

    private LineDiff() {
    }

    /** @return empty when either text has more than {@link #MAX_LINES} lines */
    static java.util.Optional<List<Line>> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            return java.util.Optional.empty();
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                lines.add(new Line(Kind.SAME, a[i++]));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line(Kind.REMOVED, a[i++]));
            } else {
                lines.add(new Line(Kind.ADDED, b[j++]));
            }
        }
        while (i < a.length) {
            lines.add(new Line(Kind.REMOVED, a[i++]));
        }
        while (j < b.length) {
            lines.add(new Line(Kind.ADDED, b[j++]));
        }
        return java.util.Optional.of(lines);
    }
}
