package io.inflow.tips;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.web.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** When, for whom and in which language a tip shows: the tip's targeting fields and their rules. */
public final class Targeting {
    public static final List<String> TRIGGERS = List.of("page_load", "visible", "hover", "click", "launcher");
    public static final List<String> FREQUENCIES = List.of("once", "until_dismissed", "every_visit");
    public static final List<String> OPS = List.of("equals", "in", "not", "exists", "gt", "gte", "lt", "lte");
    /** Triggers that watch the element, so the tip needs an anchor. */
    static final List<String> ELEMENT_TRIGGERS = List.of("visible", "hover", "click");
    static final int MAX_CONDITIONS = 20;
    static final int MAX_LOCALES = 40;
    static final int MAX_PRIORITY = 1000;
    private static final Pattern TRAIT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** BCP 47 in the shape browsers report (en, de-CH, zh-Hant-TW), not every extension. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");

    private Targeting() {}

    /** One audience rule on a trait from `Inflow.identify(id, traits)`; value is a JSON scalar, a list for `in`, absent for `exists`. */
    public record Condition(String trait, String op, JsonNode value) {}

    /** The window in which a tip shows; either end may be open. */
    public record Schedule(String from, String to) {
        public boolean contains(Instant now) {
            return (from == null || !now.isBefore(Instant.parse(from))) && (to == null || now.isBefore(Instant.parse(to)));
        }
    }

    /** A tip's title and body in one language; body is Markdown, rendered and sanitised like the tip's own. */
    public record LocalText(String title, String body) {}

    /** A stored translation: the Markdown, the sanitised HTML the console previews, and the node tree workers get. */
    public record Translation(String title, String body, String bodyHtml, @JsonIgnore List<Object> bodyTree) {}

    static void audience(Validation v, List<Condition> audience) {
        if (audience == null) {
            return;
        }
        v.check(audience.size() <= MAX_CONDITIONS, "audience", "must have at most " + MAX_CONDITIONS + " conditions");
        for (int i = 0; i < audience.size() && i < MAX_CONDITIONS; i++) {
            String at = "audience[" + i + "]";
            Condition c = audience.get(i);
            if (c == null) {
                v.add(at, "must be an object {trait, op, value}");
                continue;
            }
            v.check(c.trait() != null && TRAIT.matcher(c.trait()).matches(), at + ".trait",
                    "must be a trait name (letters, digits, _ . -; at most 64 characters)");
            v.oneOf(c.op(), at + ".op", OPS);
            JsonNode value = c.value();
            switch (c.op() == null ? "" : c.op()) {
                case "exists" -> v.check(value == null || value.isNull() || value.isBoolean(), at + ".value",
                        "must be absent (or true/false: whether the trait is present)");
                case "in" -> v.check(value != null && value.isArray() && value.size() >= 1 && value.size() <= 100
                                && allScalars(value), at + ".value", "must be a list of 1 to 100 strings, numbers or booleans");
                case "gt", "gte", "lt", "lte" -> v.check(value != null && (value.isNumber() || isIsoTime(value)), at + ".value",
                        "must be a number (or an ISO-8601 time)");
                case "equals", "not" -> v.check(value != null && isScalar(value), at + ".value", "must be a string, number or boolean");
                default -> { }
            }
        }
    }

    static void schedule(Validation v, Schedule schedule) {
        if (schedule == null) {
            return;
        }
        Instant from = instant(v, schedule.from(), "schedule.from");
        Instant to = instant(v, schedule.to(), "schedule.to");
        v.check(from == null || to == null || from.isBefore(to), "schedule", "from must be before to");
    }

    static void priority(Validation v, Integer priority) {
        v.check(priority == null || Math.abs(priority) <= MAX_PRIORITY, "priority",
                "must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
    }

    static void locales(Validation v, Map<String, LocalText> locales) {
        if (locales == null) {
            return;
        }
        v.check(locales.size() <= MAX_LOCALES, "locales", "must have at most " + MAX_LOCALES + " languages");
        v.check(locales.keySet().stream().map(Targeting::normalTag).distinct().count() == locales.size(), "locales",
                "names a language twice (tags are case-insensitive)");
        for (Map.Entry<String, LocalText> e : locales.entrySet()) {
            String at = "locales." + e.getKey();
            if (!LANGUAGE_TAG.matcher(e.getKey()).matches()) {
                v.add("locales", "'" + abbreviate(e.getKey()) + "' is not a language tag (like de or pt-BR)");
                continue;
            }
            if (e.getValue() == null) {
                v.add(at, "must be an object {title, body}");
                continue;
            }
            v.text(e.getValue().title(), at + ".title", TipInput.MAX_TITLE);
            String body = e.getValue().body();
            v.check(body == null || body.length() <= TipInput.MAX_BODY, at + ".body", "must be at most " + TipInput.MAX_BODY + " characters");
        }
    }

    /** Language tags compare case-insensitively; stored lower case so lookups need no folding. */
    public static String normalTag(String tag) {
        return tag.toLowerCase(java.util.Locale.ROOT);
    }

    private static Instant instant(Validation v, String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            v.add(field, "must be an ISO-8601 UTC time like 2026-12-01T09:00:00Z");
            return null;
        }
    }

    private static boolean isIsoTime(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            Instant.parse(value.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isScalar(JsonNode value) {
        return (value.isTextual() && value.asText().length() <= 200) || value.isNumber() || value.isBoolean();
    }

    private static boolean allScalars(JsonNode list) {
        for (JsonNode item : list) {
            if (!isScalar(item)) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
