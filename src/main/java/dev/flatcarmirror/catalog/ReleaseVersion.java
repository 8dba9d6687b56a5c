package dev.flatcarmirror.catalog;

import dev.flatcarmirror.Untrusted;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A Flatcar version such as {@code 4593.2.5} or a developer build's {@code 4593.2.5+nightly-1}.
 * Anything else is refused here, so a version can never smuggle a path into a URL or a file name.
 */
public record ReleaseVersion(String value) implements Comparable<ReleaseVersion> {

    private static final Pattern SAFE = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,5}(\\+[A-Za-z0-9_-][A-Za-z0-9._-]{0,63})?");

    public ReleaseVersion {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("unsafe version string '" + Untrusted.shown(value)
                    + "': expected digits and dots with an optional +suffix of letters, digits, '.', '_' or '-'");
        }
    }

    public static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /** The {@code BRANCH} of {@code BUILD.BRANCH.PATCH}, which tells the channel stage; -1 if absent. */
    public int branch() {
        long[] numbers = numbers();
        return numbers.length >= 2 ? (int) numbers[1] : -1;
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int numeric = Arrays.compare(numbers(), other.numbers());
        return numeric != 0 ? numeric : suffix().compareTo(other.suffix());
    }

    public boolean isNewerThan(ReleaseVersion other) {
        return compareTo(other) > 0;
    }

    private long[] numbers() {
        int plus = value.indexOf('+');
        String numeric = plus < 0 ? value : value.substring(0, plus);
        return Arrays.stream(numeric.split("\\.")).mapToLong(Long::parseLong).toArray();
    }

    private String suffix() {
        int plus = value.indexOf('+');
        return plus < 0 ? "" : value.substring(plus + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
