package io.inflow.apps;

import io.inflow.web.Validation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An app's look in the overlay: a few named values the overlay sets as CSS custom properties
 * (`accent` → `--inflow-accent`) on its shadow host. Values are checked against narrow patterns,
 * so a theme can change colours, corners and the font, and nothing else.
 */
public final class Theme {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|rgba?\\([0-9., %]{1,40}\\)|[a-zA-Z]{3,20}");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,2}(\\.[0-9])?px");
    private static final Pattern FONT = Pattern.compile("[A-Za-z0-9 ,\"'-]{1,120}");
    static final Map<String, Pattern> NAMES = Map.of(
            "accent", COLOR, "accentText", COLOR, "text", COLOR, "background", COLOR, "border", COLOR,
            "radius", LENGTH, "font", FONT);

    private Theme() {}

    /** The theme without unset entries, in name order; field errors for unknown names and bad values. */
    static Map<String, String> check(Validation v, Map<String, String> theme) {
        Map<String, String> out = new TreeMap<>();
        if (theme == null) {
            return out;
        }
        for (Map.Entry<String, String> e : theme.entrySet()) {
            Pattern pattern = NAMES.get(e.getKey());
            if (pattern == null) {
                v.add("theme", "'" + e.getKey() + "' is not a theme value; use " + String.join(", ", List.copyOf(new TreeMap<>(NAMES).keySet())));
            } else if (e.getValue() != null && !e.getValue().isBlank()) {
                String value = e.getValue().trim();
                if (pattern.matcher(value).matches()) {
                    out.put(e.getKey(), value);
                } else {
                    v.add("theme." + e.getKey(), e.getKey().equals("radius") ? "must be a length in px, like 8px"
                            : e.getKey().equals("font") ? "must be a font-family list, like \"Inter\", sans-serif"
                            : "must be a colour: #rgb, #rrggbb, rgb(…) or a colour name");
                }
            }
        }
        return out;
    }
}
