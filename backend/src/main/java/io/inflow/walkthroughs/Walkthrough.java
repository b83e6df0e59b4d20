package io.inflow.walkthroughs;

import java.util.List;

/**
 * An ordered list of steps, each an ordinary tip of the same app (possibly on different pages).
 * startOn: page_load (starts by itself on the first step's page, once) or launcher (only when the learner asks).
 */
public record Walkthrough(String id, String appId, String title, String status, String startOn, List<Step> steps,
                          int version, String createdAt, String updatedAt, String updatedBy) {
    public static final List<String> START_ON = List.of("page_load", "launcher");

    /**
     * One step: its tip (title and page rule shown for convenience), an example URL of its page, and the
     * positions to go to after its check is answered right or wrong (null: the next step).
     */
    public record Step(int position, String tipId, String title, String pageRule, String url, Integer onRight, Integer onWrong) {}
}
