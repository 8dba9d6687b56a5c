package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.web.files.ByteRanges.Slice;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

    private static final long SIZE = 1000;

    @Test
    void closedRangeShouldBeOneSliceWithBothEndsIncluded() {
        assertThat(resolve("bytes=0-99")).hasValue(List.of(new Slice(0, 99)));
        assertThat(new Slice(0, 99).length()).isEqualTo(100);
    }

    @Test
    void suffixRangeShouldBeTheLastBytes() {
        assertThat(resolve("bytes=-10")).hasValue(List.of(new Slice(990, 999)));
    }

    @Test
    void suffixLongerThanTheFileShouldBeTheWholeFile() {
        assertThat(resolve("bytes=-5000")).hasValue(List.of(new Slice(0, 999)));
    }

    @Test
    void openEndedRangeShouldRunToTheLastByte() {
        assertThat(resolve("bytes=500-")).hasValue(List.of(new Slice(500, 999)));
    }

    @Test
    void rangeEndingBeyondTheFileShouldBeCutAtTheLastByte() {
        assertThat(resolve("bytes=900-5000")).hasValue(List.of(new Slice(900, 999)));
    }

    @Test
    void severalRangesShouldBeSlicesInTheirOrder() {
        assertThat(resolve("bytes=100-104,0-4")).hasValue(List.of(new Slice(100, 104), new Slice(0, 4)));
    }

    @Test
    void overlappingRangesWithinTheFileSizeShouldBeServedAsAsked() {
        assertThat(resolve("bytes=0-9,5-14")).hasValue(List.of(new Slice(0, 9), new Slice(5, 14)));
    }

    @Test
    void overlappingRangesAddingUpToMoreThanTheFileShouldBeRefused() {
        assertThat(resolve("bytes=0-599,100-699")).isEmpty();
    }

    @Test
    void rangesAddingUpToExactlyTheFileShouldBeServed() {
        assertThat(resolve("bytes=0-499,500-999")).hasValue(List.of(new Slice(0, 499), new Slice(500, 999)));
    }

    @Test
    void sixteenRangesShouldBeServed() {
        assertThat(resolve(ranges(ByteRanges.MAX_RANGES))).hasValueSatisfying(slices -> assertThat(slices).hasSize(16));
    }

    @Test
    void moreThanSixteenRangesShouldBeRefusedHoweverSmall() {
        assertThat(resolve(ranges(ByteRanges.MAX_RANGES + 1))).isEmpty();
    }

    @Test
    void unsatisfiableRangeAmongSatisfiableOnesShouldBeLeftOut() {
        assertThat(resolve("bytes=0-9,5000-6000")).hasValue(List.of(new Slice(0, 9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1999", "bytes=5000-6000,2000-"})
    void rangesStartingAtOrBeyondTheEndShouldBeUnsatisfiable(String header) {
        assertThat(resolve(header)).isEmpty();
    }

    @Test
    void anyRangeOfAnEmptyFileShouldBeUnsatisfiable() {
        assertThat(ByteRanges.resolve("bytes=0-", 0)).isEmpty();
        assertThat(ByteRanges.resolve("bytes=-1", 0)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=abc", "bytes=9-1", "items=0-1", "0-1"})
    void malformedHeaderShouldBeUnsatisfiable(String header) {
        assertThat(resolve(header)).isEmpty();
    }

    private static Optional<List<Slice>> resolve(String header) {
        return ByteRanges.resolve(header, SIZE);
    }

    /** {@code count} one-byte ranges: bytes=0-0,2-2,4-4,... */
    private static String ranges(int count) {
        return "bytes=" + IntStream.range(0, count).mapToObj(i -> (i * 2) + "-" + (i * 2)).collect(Collectors.joining(","));
    }
}
