package dev.flatcarmirror.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A moment as a page shows it: machine-readable for {@code <time datetime>}, in UTC for people
 * in every time zone alike, and how long ago, which is what "is it up to date?" needs.
 */
record When(String iso, String text, String ago) {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Null for null, so templates can test for absence. */
    static When of(Instant instant, Instant now) {
        if (instant == null) {
            return null;
        }
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return new When(DateTimeFormatter.ISO_INSTANT.format(seconds), TEXT.format(seconds), ago(Duration.between(instant, now)));
    }

    static String ago(Duration elapsed) {
        if (elapsed.isNegative() || elapsed.toSeconds() < 60) {
            return "just now";
        }
        if (elapsed.toMinutes() < 60) {
            return plural(elapsed.toMinutes(), "minute");
        }
        if (elapsed.toHours() < 48) {
            return plural(elapsed.toHours(), "hour");
        }
        return plural(elapsed.toDays(), "day");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s") + " ago";
    }
}
