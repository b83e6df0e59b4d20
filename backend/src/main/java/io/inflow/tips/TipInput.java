package io.inflow.tips;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.delivery.PageRule;
import io.inflow.web.Validation;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** What an author sends to create or change a tip. */
public record TipInput(String appId, String title, String body, String presentation, String placement,
                       String pageRule, JsonNode anchor, Tip.LearnMore learnMore, Tip.Media media,
                       String trigger, String frequency, List<Targeting.Condition> audience, Targeting.Schedule schedule,
                       Integer priority, Map<String, Targeting.LocalText> locales, Boolean reinforce, Tip.Check check) {
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_ANCHOR = 16 * 1024;

    /** A tip without media that shows on page load to everyone, until dismissed. */
    public TipInput(String appId, String title, String body, String presentation, String placement,
                    String pageRule, JsonNode anchor, Tip.LearnMore learnMore) {
        this(appId, title, body, presentation, placement, pageRule, anchor, learnMore, null, null, null, null, null, null, null, null, null);
    }

    public String triggerOrDefault() {
        return trigger == null ? "page_load" : trigger;
    }

    public String frequencyOrDefault() {
        return frequency == null ? "until_dismissed" : frequency;
    }

    public List<Targeting.Condition> audienceOrEmpty() {
        return audience == null ? List.of() : audience;
    }

    public int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    public Map<String, Targeting.LocalText> localesOrEmpty() {
        return locales == null ? Map.of() : locales;
    }

    public String placementOrDefault() {
        return placement == null ? "auto" : placement;
    }

    public boolean reinforceOrDefault() {
        return reinforce != null && reinforce;
    }

    public String bodyOrEmpty() {
        return body == null ? "" : body;
    }

    /** Checks every field; appId only when creating. */
    void validate(Validation v, boolean creating) {
        if (creating) {
            v.text(appId, "appId", 64);
        }
        v.text(title, "title", MAX_TITLE);
        v.check(bodyOrEmpty().length() <= MAX_BODY, "body", "must be at most " + MAX_BODY + " characters");
        v.oneOf(presentation, "presentation", Tip.PRESENTATIONS);
        v.oneOf(placementOrDefault(), "placement", Tip.PLACEMENTS);
        try {
            PageRule.parse(pageRule);
        } catch (IllegalArgumentException e) {
            v.add("pageRule", e.getMessage());
        }
        if (anchor != null && !anchor.isNull()) {
            v.check(anchor.isObject(), "anchor", "must be an object (a fingerprint recorded by the picker) or null");
            v.check(anchor.toString().length() <= MAX_ANCHOR, "anchor", "must be at most " + MAX_ANCHOR + " bytes of JSON");
        } else if (presentation != null && Tip.ANCHORED.contains(presentation)) {
            v.add("anchor", "a " + presentation + " needs an anchor: pick the element it points at");
        } else if (Targeting.ELEMENT_TRIGGERS.contains(triggerOrDefault())) {
            v.add("anchor", "the " + trigger + " trigger watches an element: pick it");
        }
        v.oneOf(triggerOrDefault(), "trigger", Targeting.TRIGGERS);
        v.oneOf(frequencyOrDefault(), "frequency", Targeting.FREQUENCIES);
        Targeting.audience(v, audience);
        Targeting.schedule(v, schedule);
        Targeting.priority(v, priority);
        Targeting.locales(v, locales);
        if (learnMore != null) {
            v.check(isHttpUrl(learnMore.url()), "learnMore.url", "must be an absolute http(s) URL");
            v.check(learnMore.label() == null || learnMore.label().length() <= 100, "learnMore.label", "must be at most 100 characters");
        }
        if (media != null) {
            v.oneOf(media.type(), "media.type", Tip.MEDIA_TYPES);
            v.check(isHttpUrl(media.url()), "media.url", "must be an absolute http(s) URL");
            v.check(media.alt() == null || media.alt().length() <= 200, "media.alt", "must be at most 200 characters");
        }
        if (check != null) {
            CheckRules.validate(check, learnMore != null, v);
        }
    }

    static boolean isHttpUrl(String text) {
        if (text == null || text.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(text.trim());
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
