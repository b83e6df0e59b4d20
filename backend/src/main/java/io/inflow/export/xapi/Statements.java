package io.inflow.export.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.apps.Apps;
import io.inflow.events.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns events into xAPI 1.0.3 statements. The statement id is the event's own UUID, so a
 * statement sent twice is the same statement and an LRS keeps it once. The actor is an
 * account on the app (home page: the app's first allowed origin) named by the hashed learner
 * id; tips, walkthroughs and their steps are activities with IRIs that never change.
 * Events that are not learning (search, anchor_missing) and events without a learner make no statement.
 */
public final class Statements {
    static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final Map<String, String> VERBS = Map.of(
            "tip_shown", "experienced",
            "tip_dismissed", "exited",
            "tip_completed", "completed",
            "link_opened", "interacted",
            "helpful_vote", "responded",
            "check_answered", "answered",
            "step_viewed", "experienced",
            "walkthrough_completed", "completed");

    private final ObjectMapper mapper;
    private final String base;
    private final Function<String, String> homePageOfApp;

    /**
     * @param base the server's public URL, under which activity IRIs are minted (e.g. https://inflow.example.com)
     * @param homePageOfApp the home page of an app by id
     */
    public Statements(ObjectMapper mapper, String base, Function<String, String> homePageOfApp) {
        this.mapper = mapper;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.homePageOfApp = homePageOfApp;
    }

    public Optional<ObjectNode> of(Event e) {
        String verb = VERBS.get(e.type());
        if (verb == null || e.learnerHash() == null) {
            return Optional.empty();
        }
        JsonNode data = e.dataTree(mapper);
        ObjectNode object;
        if (e.type().equals("step_viewed") || e.type().equals("walkthrough_completed")) {
            String walkthrough = data.path("walkthroughId").asText("");
            if (walkthrough.isEmpty()) {
                return Optional.empty();
            }
            boolean step = e.type().equals("step_viewed");
            if (step && !data.path("step").canConvertToInt()) {
                return Optional.empty();
            }
            String iri = base + "/xapi/activities/walkthroughs/" + segment(walkthrough) + (step ? "/steps/" + data.get("step").asInt() : "");
            object = activity(iri, step ? "Walkthrough " + walkthrough + ", step " + data.get("step").asInt() : "Walkthrough " + walkthrough,
                    "http://adlnet.gov/expapi/activities/module");
        } else {
            if (e.tipId() == null || e.tipId().isEmpty()) {
                return Optional.empty();
            }
            boolean check = e.type().equals("check_answered");
            object = activity(base + "/xapi/activities/tips/" + segment(e.tipId()) + (check ? "/check" : ""),
                    check ? "Check of tip " + e.tipId() : "Tip " + e.tipId(),
                    check ? "http://adlnet.gov/expapi/activities/cmi.interaction" : "http://adlnet.gov/expapi/activities/lesson");
        }

        ObjectNode s = mapper.createObjectNode();
        s.put("id", e.id());
        ObjectNode actor = s.putObject("actor");
        actor.put("objectType", "Agent");
        ObjectNode account = actor.putObject("account");
        account.put("homePage", homePageOfApp.apply(e.appId()));
        account.put("name", e.learnerHash());
        ObjectNode v = s.putObject("verb");
        v.put("id", ADL + verb);
        v.putObject("display").put("en-US", verb);
        s.set("object", object);

        if (e.type().equals("check_answered") && data.path("correct").isBoolean()) {
            boolean correct = data.get("correct").asBoolean();
            ObjectNode result = s.putObject("result");
            result.put("success", correct);
            ObjectNode score = result.putObject("score");
            score.put("scaled", correct ? 1 : 0);
            score.put("raw", correct ? 1 : 0);
            score.put("min", 0);
            score.put("max", 1);
            if (data.path("optionIds").isArray()) {
                StringBuilder response = new StringBuilder();
                for (JsonNode id : data.get("optionIds")) {
                    response.append(response.isEmpty() ? "" : "[,]").append(id.asText());
                }
                result.put("response", response.toString());
            }
        } else if (e.type().equals("helpful_vote") && data.path("helpful").isBoolean()) {
            s.putObject("result").put("response", data.get("helpful").asBoolean() ? "helpful" : "not helpful");
        } else if (e.type().equals("tip_completed") || e.type().equals("walkthrough_completed")) {
            s.putObject("result").put("completion", true);
        }

        ObjectNode context = s.putObject("context");
        context.put("platform", "Inflow");
        if (e.url() != null && (e.url().startsWith("http://") || e.url().startsWith("https://"))) {
            context.putObject("extensions").put(base + "/xapi/extensions/page-url", e.url());
        }
        s.put("timestamp", e.occurredAt());
        return Optional.of(s);
    }

    private ObjectNode activity(String iri, String name, String type) {
        ObjectNode object = mapper.createObjectNode();
        object.put("objectType", "Activity");
        object.put("id", iri);
        ObjectNode definition = object.putObject("definition");
        definition.putObject("name").put("en-US", name);
        definition.put("type", type);
        return object;
    }

    /** Statements of several events, in order, as a JSON array (skipping events that make none). */
    public ArrayNode all(Iterable<Event> events) {
        ArrayNode array = mapper.createArrayNode();
        for (Event e : events) {
            of(e).ifPresent(array::add);
        }
        return array;
    }

    /** Each app's home page: its first allowed origin, else its address on this server. Looked up once per app. */
    public static Function<String, String> homePages(Apps apps, String base) {
        Map<String, String> known = new java.util.HashMap<>();
        return appId -> known.computeIfAbsent(appId, id -> apps.find(id)
                .filter(a -> !a.allowedOrigins().isEmpty()).map(a -> a.allowedOrigins().get(0))
                .orElse(base.replaceAll("/+$", "") + "/apps/" + id));
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
