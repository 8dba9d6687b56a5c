package dev.flatcarmirror.sync;

import dev.flatcarmirror.channel.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flatcar's {@code lts-info}: one line per LTS stream, {@code major:year:(supported|unsupported)}, e.g.
 * {@code 3815:2024:supported}. It is not signed, so it only decides which pointers are polled; each pointer is verified
 * as ever. Anything but that exact shape refuses the whole file, so a garbled answer never unlists a stream.
 */
record LtsInfo(List<Entry> entries) {

    private static final Pattern LINE = Pattern.compile("([0-9]{1,9}):([0-9]{4}):(supported|unsupported)");

    record Entry(int major, int year, boolean supported) {

        String stream() {
            return Streams.yearly(year);
        }
    }

    static LtsInfo parse(byte[] content) throws Malformed {
        List<Entry> entries = new ArrayList<>();
        String text = new String(content, StandardCharsets.US_ASCII);
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(trimmed);
            if (!m.matches()) {
                throw new Malformed("line " + number + " is not major:year:(supported|unsupported)");
            }
            entries.add(new Entry(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).equals("supported")));
        }
        if (entries.isEmpty()) {
            throw new Malformed("it lists no stream");
        }
        return new LtsInfo(List.copyOf(entries));
    }

    /** The {@code current-YYYY} streams listed as supported, oldest year first. */
    List<String> supportedStreams() {
        return entries.stream().filter(Entry::supported).map(Entry::year).distinct().sorted().map(Streams::yearly).toList();
    }

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }
}
