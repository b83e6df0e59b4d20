package io.inflow.learning;

import io.inflow.tips.Tip;
import java.util.List;

/**
 * A check as the overlay receives it before the learner answers: the question and the options'
 * texts, never which are correct or their explanations. multiple says whether more than one
 * option is correct (checkboxes instead of radio buttons).
 */
public record CheckView(String question, List<Choice> options, boolean multiple) {
    public record Choice(String id, String text) {}

    public static CheckView of(Tip.Check check) {
        if (check == null) {
            return null;
        }
        long correct = check.options().stream().filter(o -> Boolean.TRUE.equals(o.correct())).count();
        return new CheckView(check.question(), check.options().stream().map(o -> new Choice(o.id(), o.text())).toList(), correct > 1);
    }
}
