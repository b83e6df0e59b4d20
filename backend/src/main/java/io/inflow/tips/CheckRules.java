package io.inflow.tips;

import io.inflow.web.Validation;
import java.util.HashSet;
import java.util.Set;

/** What makes a check well-formed: 2–5 options with distinct ids, at least one correct, a known wrong-answer path. */
final class CheckRules {
    static final int MAX_QUESTION = 500;
    static final int MAX_OPTION = 300;
    static final int MAX_EXPLANATION = 1_000;

    private CheckRules() {}

    static void validate(Tip.Check check, boolean hasLearnMore, Validation v) {
        v.text(check.question(), "check.question", MAX_QUESTION);
        if (check.options() == null || check.options().size() < 2 || check.options().size() > 5) {
            v.add("check.options", "must list 2 to 5 options");
        } else {
            Set<String> ids = new HashSet<>();
            boolean anyCorrect = false;
            for (int i = 0; i < check.options().size(); i++) {
                Tip.Check.Option option = check.options().get(i);
                String at = "check.options[" + i + "]";
                if (option == null) {
                    v.add(at, "must be an object");
                    continue;
                }
                v.text(option.id(), at + ".id", 64);
                v.check(option.id() == null || ids.add(option.id()), at + ".id", "must differ from the other options' ids");
                v.text(option.text(), at + ".text", MAX_OPTION);
                v.check(option.correct() != null, at + ".correct", "is required: true or false");
                v.check(option.explanation() == null || option.explanation().length() <= MAX_EXPLANATION,
                        at + ".explanation", "must be at most " + MAX_EXPLANATION + " characters");
                anyCorrect |= Boolean.TRUE.equals(option.correct());
            }
            v.check(anyCorrect, "check.options", "at least one option must be correct");
        }
        v.oneOf(check.onWrong(), "check.onWrong", Tip.Check.ON_WRONG);
        if ("learn_more".equals(check.onWrong())) {
            v.check(hasLearnMore, "check.onWrong", "learn_more needs the tip's learnMore link");
        }
        if ("remedial_tip".equals(check.onWrong())) {
            v.check(check.remedialTipId() != null && !check.remedialTipId().isBlank(), "check.remedialTipId",
                    "is required when onWrong is remedial_tip");
        } else {
            v.check(check.remedialTipId() == null, "check.remedialTipId", "is only allowed when onWrong is remedial_tip");
        }
    }
}
