package io.inflow.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which of a tip's translations a learner reads, and in which direction it is written. */
public final class Languages {
    static final int MAX_REQUESTED = 5;
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "arc", "dv", "fa", "ha", "he", "iw", "ks", "ku", "ps", "sd", "ur", "yi");

    private Languages() {}

    /**
     * The learner's languages from the `lang` query parameter (`de-CH,de,en`): lower case, at most
     * five, anything that is not a tag dropped, so a bad value only means the default text.
     */
    public static List<String> parse(String param) {
        List<String> out = new ArrayList<>();
        if (param == null || param.length() > 200) {
            return out;
        }
        for (String part : param.split(",")) {
            String tag = part.trim().replace('_', '-').toLowerCase(Locale.ROOT);
            if (tag.matches("[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}") && !out.contains(tag) && out.size() < MAX_REQUESTED) {
                out.add(tag);
            }
        }
        return out;
    }

    /**
     * Fallback, for each requested language in order: the exact tag (de-ch), then its parent
     * tags (de), then any regional variant of the same language (de-at); null when none fits and
     * the tip's own text is shown.
     */
    public static String pick(Collection<String> available, List<String> requested) {
        if (available.isEmpty()) {
            return null;
        }
        for (String want : requested) {
            for (String tag = want; !tag.isEmpty(); tag = tag.contains("-") ? tag.substring(0, tag.lastIndexOf('-')) : "") {
                if (available.contains(tag)) {
                    return tag;
                }
            }
            String base = want.split("-")[0];
            for (String tag : available) {
                if (tag.startsWith(base + "-")) {
                    return tag;
                }
            }
        }
        return null;
    }

    public static String direction(String tag) {
        return RIGHT_TO_LEFT.contains(tag.split("-")[0]) ? "rtl" : "ltr";
    }
}
