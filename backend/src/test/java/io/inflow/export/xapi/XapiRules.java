package io.inflow.export.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The xAPI 1.0.3 rules a statement must keep (Data section 2.4), as far as Inflow's statements use them. */
public final class XapiRules {
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

    private XapiRules() {}

    public static List<String> violations(JsonNode s) {
        List<String> out = new ArrayList<>();
        noNulls(s, "", out);
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments").contains(f)) {
                out.add("unknown property " + f);
            }
        }
        if (s.has("id") && !UUID.matcher(s.get("id").asText()).matches()) out.add("id is not a lower-case UUID");
        JsonNode actor = s.get("actor");
        if (actor == null) {
            out.add("actor is required");
        } else {
            int ifis = 0;
            for (String ifi : List.of("mbox", "mbox_sha1sum", "openid", "account")) if (actor.has(ifi)) ifis++;
            if (ifis != 1) out.add("an Agent has exactly one inverse functional identifier");
            if (actor.has("objectType") && !actor.get("objectType").asText().equals("Agent")) out.add("actor.objectType must be Agent");
            JsonNode account = actor.get("account");
            if (account != null) {
                if (!irl(account.path("homePage").asText(null))) out.add("account.homePage must be an IRL");
                if (account.path("name").asText("").isEmpty()) out.add("account.name is required");
            }
        }
        JsonNode verb = s.get("verb");
        if (verb == null || !iri(verb.path("id").asText(null))) out.add("verb.id must be an IRI");
        if (verb != null && verb.has("display")) languageMap(verb.get("display"), "verb.display", out);
        JsonNode object = s.get("object");
        if (object == null) {
            out.add("object is required");
        } else {
            if (!object.path("objectType").asText("Activity").equals("Activity")) out.add("object must be an Activity here");
            if (!iri(object.path("id").asText(null))) out.add("object.id must be an IRI");
            JsonNode def = object.get("definition");
            if (def != null) {
                if (def.has("name")) languageMap(def.get("name"), "definition.name", out);
                if (def.has("type") && !iri(def.get("type").asText())) out.add("definition.type must be an IRI");
            }
        }
        JsonNode result = s.get("result");
        if (result != null) {
            JsonNode score = result.get("score");
            if (result.has("success") && !result.get("success").isBoolean()) out.add("result.success must be a boolean");
            if (result.has("completion") && !result.get("completion").isBoolean()) out.add("result.completion must be a boolean");
            if (result.has("response") && !result.get("response").isTextual()) out.add("result.response must be a string");
            if (score != null) {
                if (score.has("scaled") && (score.get("scaled").asDouble() < -1 || score.get("scaled").asDouble() > 1)) out.add("score.scaled in [-1, 1]");
                double min = score.path("min").asDouble(Double.NEGATIVE_INFINITY);
                double max = score.path("max").asDouble(Double.POSITIVE_INFINITY);
                if (min > max) out.add("score.min above max");
                if (score.has("raw") && (score.get("raw").asDouble() < min || score.get("raw").asDouble() > max)) out.add("score.raw outside [min, max]");
            }
        }
        JsonNode context = s.get("context");
        if (context != null && context.has("extensions")) {
            context.get("extensions").fieldNames().forEachRemaining(k -> {
                if (!iri(k)) out.add("extension key " + k + " must be an IRI");
            });
        }
        if (s.has("timestamp")) {
            try {
                OffsetDateTime.parse(s.get("timestamp").asText());
            } catch (DateTimeParseException e) {
                out.add("timestamp must be ISO 8601 with a time zone");
            }
        }
        return out;
    }

    private static void noNulls(JsonNode node, String path, List<String> out) {
        if (node.isNull()) {
            out.add(path + " is null (xAPI forbids null values)");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                noNulls(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) noNulls(n, path + "[]", out);
        }
    }

    private static void languageMap(JsonNode map, String path, List<String> out) {
        if (!map.isObject() || map.isEmpty()) {
            out.add(path + " must be a language map");
            return;
        }
        map.fieldNames().forEachRemaining(k -> {
            if (!LANGUAGE.matcher(k).matches()) out.add(path + " key " + k + " is not an RFC 5646 tag");
        });
    }

    private static boolean iri(String text) {
        if (text == null || text.isEmpty()) return false;
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getScheme() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean irl(String text) {
        return iri(text) && (text.startsWith("http://") || text.startsWith("https://"));
    }
}
