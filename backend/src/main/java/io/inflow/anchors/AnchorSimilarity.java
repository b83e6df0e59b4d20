package io.inflow.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How alike two fingerprints are, on the server, where a refreshed anchor from an untrusted browser is judged
 * against the stored one. The evidence and weights are the overlay's (overlay-js/src/anchor/score.ts, rank.ts), without
 * rarity, which needs the page: the share of the stored anchor's evidence that the new one still carries.
 */
public final class AnchorSimilarity {
    /** Properties that must not change at all for a refresh to be taken: what says which element it is. */
    public static final List<String> IDENTITY = List.of("tag", "props.testId", "props.name");

    private static final Map<String, Double> EXACT = Map.of("id", 2.5, "type", 0.5, "role", 0.5, "value", 1.5);
    private static final Map<String, Double> FUZZY = Map.of("text", 2.5, "label", 2.0, "ariaLabel", 1.5, "placeholder", 1.0,
            "href", 1.0, "title", 0.5, "alt", 0.5, "accName", 0.5);

    private AnchorSimilarity() {}

    /** The identity properties (see {@link #IDENTITY}) on which the fingerprints differ; empty when they agree. */
    public static List<String> identityChanges(JsonNode stored, JsonNode fresh) {
        List<String> changed = new ArrayList<>();
        for (String path : IDENTITY) {
            if (!Objects.equals(text(at(stored, path)), text(at(fresh, path)))) {
                changed.add(path);
            }
        }
        return changed;
    }

    /** In [0, 1]: the weighted share of the stored fingerprint's evidence found again in the fresh one. */
    public static double of(JsonNode stored, JsonNode fresh) {
        double[] tally = new double[2];
        JsonNode p = stored.path("props"), q = fresh.path("props");
        EXACT.forEach((k, w) -> {
            String v = text(p.get(k));
            if (v != null) add(tally, w, v.equalsIgnoreCase(Objects.requireNonNullElse(text(q.get(k)), "")) ? 1 : 0);
        });
        FUZZY.forEach((k, w) -> {
            String v = text(p.get(k));
            if (v != null) add(tally, w, dice(v, text(q.get(k))));
        });
        Set<String> classes = strings(p.get("classes"));
        if (!classes.isEmpty()) add(tally, 1, jaccard(classes, strings(q.get("classes"))));
        JsonNode c = stored.path("context"), d = fresh.path("context");
        fuzzy(tally, 0.7, text(c.get("heading")), text(d.get("heading")));
        fuzzy(tally, 0.5, text(c.get("prevText")), text(d.get("prevText")));
        fuzzy(tally, 0.5, text(c.get("nextText")), text(d.get("nextText")));
        fuzzy(tally, 2.5, text(c.path("row").get("label")), text(d.path("row").get("label")));
        fuzzy(tally, 0.5, text(c.path("landmark").get("label")), text(d.path("landmark").get("label")));
        Set<String> words = strings(c.get("words"));
        if (!words.isEmpty()) {
            Set<String> kept = new HashSet<>(words);
            kept.retainAll(strings(d.get("words")));
            add(tally, 2, (double) kept.size() / words.size());
        }
        return tally[0] == 0 ? 1 : tally[1] / tally[0];
    }

    private static void add(double[] tally, double weight, double similarity) {
        tally[0] += weight;
        tally[1] += weight * similarity;
    }

    private static void fuzzy(double[] tally, double weight, String want, String have) {
        if (want != null) add(tally, weight, dice(want, have));
    }

    /** Dice similarity of lower-case word tokens; 1 for equal texts. */
    static double dice(String a, String b) {
        if (a == null || b == null) return 0;
        String x = a.trim().toLowerCase(Locale.ROOT), y = b.trim().toLowerCase(Locale.ROOT);
        if (x.equals(y)) return 1;
        List<String> ta = tokens(x), tb = tokens(y);
        if (ta.isEmpty() || tb.isEmpty()) return 0;
        Map<String, Integer> pool = new HashMap<>();
        for (String t : tb) pool.merge(t, 1, Integer::sum);
        int common = 0;
        for (String t : ta) {
            if (pool.getOrDefault(t, 0) > 0) {
                common++;
                pool.merge(t, -1, Integer::sum);
            }
        }
        return 2.0 * common / (ta.size() + tb.size());
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split("[^\\p{L}\\p{N}]+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    private static double jaccard(Set<String> want, Set<String> have) {
        if (have.isEmpty()) return 0;
        Set<String> both = new HashSet<>(want);
        both.retainAll(have);
        Set<String> all = new HashSet<>(want);
        all.addAll(have);
        return (double) both.size() / all.size();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null && array.isArray()) for (JsonNode n : array) if (n.isTextual()) out.add(n.asText());
        return out;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) n = n == null ? null : n.get(part);
        return n;
    }

    /** A present, non-blank text, else null. */
    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
