package dev.flatcarmirror.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README as the documentation tests read it: its text, and the rows of its settings tables. */
final class Readme {

    /** {@code | `mirror.x` (`ENV`) | default | meaning |}: a property, its documented default and its meaning. */
    record Setting(String property, String defaultValue, String meaning) {
    }

    private static final Pattern SETTING_ROW = Pattern.compile("^\\| `([a-z][a-z0-9.\\[\\]-]*)`(?: \\(`[A-Z0-9_]+`\\))? \\| (.*?) \\| (.*) \\|$");

    private Readme() {
    }

    static String text() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException("the tests run from the repository root, where README.md is", e);
        }
    }

    /** Every row of a settings table whose first cell is a single property name. */
    static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (String line : text().split("\n")) {
            Matcher row = SETTING_ROW.matcher(line.strip());
            if (row.matches()) {
                settings.add(new Setting(row.group(1), unquote(row.group(2).strip()), row.group(3).strip()));
            }
        }
        return settings;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") && cell.length() >= 2 ? cell.substring(1, cell.length() - 1) : cell;
    }
}
