package io.inflow.walkthroughs;

import io.inflow.web.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an author sends to create or change a walkthrough: the steps in their order. */
public record WalkthroughInput(String appId, String title, String startOn, List<StepInput> steps) {
    static final int MAX_TITLE = 200;
    static final int MAX_STEPS = 50;
    static final int MAX_URL = 2048;

    /** A step: the tip it shows, an example URL of its page, and where a check's answer branches to. */
    public record StepInput(String tipId, String url, Integer onRight, Integer onWrong) {}

    public String startOnOrDefault() {
        return startOn == null ? "page_load" : startOn;
    }

    /** Checks the fields that need no store; appId only when creating. */
    void validate(Validation v, boolean creating) {
        if (creating) {
            v.text(appId, "appId", 64);
        }
        v.text(title, "title", MAX_TITLE);
        v.oneOf(startOnOrDefault(), "startOn", Walkthrough.START_ON);
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            v.add("steps", "must list 1 to " + MAX_STEPS + " steps");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            StepInput step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                v.add(at, "must be a step");
                continue;
            }
            if (step.tipId() == null || step.tipId().isBlank() || step.tipId().length() > 64) {
                v.add(at + ".tipId", "is required: the id of the tip this step shows");
            } else if (!seen.add(step.tipId())) {
                v.add(at + ".tipId", "is already an earlier step: a tip is one step at most");
            }
            v.check(step.url() == null || isPageUrl(step.url()), at + ".url", "must be an http(s) URL or a path starting with /");
            branch(v, step.onRight(), at + ".onRight", steps.size());
            branch(v, step.onWrong(), at + ".onWrong", steps.size());
        }
    }

    private static void branch(Validation v, Integer position, String field, int count) {
        v.check(position == null || position >= 1 && position <= count, field, "must be a step position from 1 to " + count + ", or null for the next step");
    }

    static boolean isPageUrl(String text) {
        if (text.length() > MAX_URL || text.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null) {
                return text.startsWith("/") && !text.startsWith("//");
            }
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
