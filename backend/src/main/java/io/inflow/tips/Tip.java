package io.inflow.tips;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A piece of micro-learning pinned to an element (or shown as a modal) on the pages its rule matches.
 * walkthroughId: the walkthrough this tip is a step of (read-only; such a tip is only delivered within it).
 */
public record Tip(String id, String appId, String title, String body, String bodyHtml,
                  @JsonIgnore List<Object> bodyTree,
                  String presentation, String placement, String pageRule, JsonNode anchor, LearnMore learnMore, Media media,
                  String status, String author, String createdAt, String updatedAt, String publishedAt, int version,
                  String trigger, String frequency, List<Targeting.Condition> audience, Targeting.Schedule schedule,
                  int priority, Map<String, Targeting.Translation> locales, boolean reinforce, Check check,
                  String walkthroughId) {

    public static final List<String> PRESENTATIONS = List.of("tooltip", "modal", "hotspot", "banner");
    /** Presentations drawn beside an element. */
    public static final List<String> ANCHORED = List.of("tooltip", "hotspot");
    public static final List<String> PLACEMENTS = List.of("auto", "top", "bottom", "left", "right");
    public static final List<String> STATUSES = List.of("draft", "published", "archived");

    public static final List<String> MEDIA_TYPES = List.of("image", "video");

    /** A link to deeper (macro) material. */
    public record LearnMore(String url, String label) {}

    /** An image or video shown with the tip, by link. */
    public record Media(String type, String url, String alt) {}

    /** A question inside the tip; what a wrong answer does is the author's choice (onWrong). */
    public record Check(String question, List<Option> options, String onWrong, String remedialTipId) {
        public static final List<String> ON_WRONG = List.of("learn_more", "remedial_tip", "repeat_step");

        /** One answer to choose; correct and explanation stay on the server until the learner answers. */
        public record Option(String id, String text, Boolean correct, String explanation) {}
    }
}
