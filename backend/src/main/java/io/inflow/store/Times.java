package io.inflow.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times are stored as fixed-width UTC text so that text order is time order on both databases.
 * Every event passes through here twice on its way in, so the usual shapes (the stored one, and
 * ISO instants with a Z as browsers write them) are read and written by hand; anything else goes
 * to java.time, which also decides what is invalid.
 */
public final class Times {
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long MS_PER_DAY = 86_400_000L;

    private Times() {}

    /** As 2026-11-23T12:00:00.000Z, to the millisecond. */
    public static String format(Instant instant) {
        long ms = instant.truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(ms, MS_PER_DAY));
        if (day.getYear() < 0 || day.getYear() > 9999) {
            return STORED.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        int inDay = (int) Math.floorMod(ms, MS_PER_DAY);
        char[] c = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(c, 0, 4, day.getYear());
        digits(c, 5, 2, day.getMonthValue());
        digits(c, 8, 2, day.getDayOfMonth());
        digits(c, 11, 2, inDay / 3_600_000);
        digits(c, 14, 2, inDay / 60_000 % 60);
        digits(c, 17, 2, inDay / 1000 % 60);
        digits(c, 20, 3, inDay % 1000);
        return new String(c);
    }

    /** An ISO-8601 instant such as 2026-11-23T12:00:00.000Z; throws DateTimeParseException when it is not one. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant fast = parseUsual(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** yyyy-MM-ddTHH:mm:ss, then . and 1 to 9 digits or nothing, then Z; null for anything else (leap seconds too). */
    private static Instant parseUsual(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = number(t, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in t[from, from + length), or -1 when a character is not a digit. */
    private static int number(String t, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char ch = t.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static void digits(char[] c, int from, int length, int value) {
        for (int i = from + length - 1; i >= from; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
