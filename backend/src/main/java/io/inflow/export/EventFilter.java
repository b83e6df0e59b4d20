package io.inflow.export;

import io.inflow.events.Event;
import io.inflow.web.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Which events an export holds: a time range [from, to), an app and a type, each optional. */
public record EventFilter(Instant from, Instant to, String appId, String type) {

    /** Reads the filter from text as the API and the command line receive it; bad values are collected in v. */
    public static EventFilter parse(String from, String to, String appId, String type, Validation v) {
        Instant start = time(from, "from", false, v);
        Instant end = time(to, "to", true, v);
        if (start != null && end != null) {
            v.check(start.isBefore(end), "to", "must be after 'from'");
        }
        if (type != null) {
            v.oneOf(type, "type", Event.TYPES);
        }
        return new EventFilter(start, end, blankToNull(appId), blankToNull(type));
    }

    /** A date (whole day, UTC) or an instant; 'to' as a date includes that whole day. */
    private static Instant time(String text, String field, boolean endOfDay, Validation v) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                v.add(field, "must be a date (2026-11-23) or a UTC time (2026-11-23T12:00:00Z)");
                return null;
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
