package dev.flatcarmirror.web.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpRange;

/**
 * The satisfiable ranges of a {@code Range} header, or a refusal. Requests that would make
 * the answer larger than the file itself (many or overlapping ranges) are refused, so a
 * client cannot amplify a small request into a huge multipart body.
 */
final class ByteRanges {

    static final int MAX_RANGES = 16;

    record Slice(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    private ByteRanges() {
    }

    /** Empty when the header cannot be satisfied (answer 416). */
    static Optional<List<Slice>> resolve(String header, long size) {
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            return Optional.empty();
        }
        List<Slice> slices = new ArrayList<>();
        long total = 0;
        for (HttpRange range : ranges) {
            Optional<Slice> slice = slice(range, size);
            if (slice.isPresent()) {
                slices.add(slice.get());
                total += slice.get().length();
            }
        }
        if (slices.isEmpty() || total > size) {
            return Optional.empty();
        }
        return Optional.of(slices);
    }

    private static Optional<Slice> slice(HttpRange range, long size) {
        try {
            long start = range.getRangeStart(size);
            long end = range.getRangeEnd(size);
            return start <= end && start < size ? Optional.of(new Slice(start, end)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
