package io.inflow.tips;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A piece of micro-learning pinned to an element (or shown as a modal) on the pages its rule matches. */
public record Tip(String id, String appId, String title, String body, String bodyHtml,
                  @JsonIgnore List<Object> bodyTree,
                  String presentation, String placement, String pageRule, JsonNode anchor, LearnMore learnMore,
                  String status, String author, String createdAt, String updatedAt, String publishedAt, int version,
                  boolean reinforce, Check check) {

    public static final List<String> PRESENTATIONS = List.of("tooltip", "modal");
    public static final List<String> PLACEMENTS = List.of("auto", "top", "bottom", "left", "right");
    public static final List<String> STATUSES = List.of("draft", "published", "archived");

    /** A link to deeper (macro) material. */
    public record LearnMore(String url, String label) {}

    /** A question inside the tip; what a wrong answer does is the author's choice (onWrong). */
    public record Check(String question, List<Option> options, String onWrong, String remedialTipId) {
        public static final List<String> ON_WRONG = List.of("learn_more", "remedial_tip", "repeat_step");

        /** One answer to choose; correct and explanation stay on the server until the learner answers. */
        public record Option(String id, String text, Boolean correct, String explanation) {}
    }
}
