package io.inflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java scheduler replays review histories written by the reference implementation (ts-fsrs,
 * run by node from overlay-js/scripts/fsrs-vectors.mjs) and must reach the same cards.
 *
 * Equality: state, learning step, reps, lapses, elapsed and scheduled days, due and last review
 * are compared exactly. Stability and difficulty are compared within 1e-6 relative: both sides
 * round them to 8 decimals after every step, so a last-bit difference between two libm's pow
 * can move the 8th decimal by one unit and carry on through later reviews, growing by a bounded
 * factor; anything larger is a different formula, not a rounding artefact. The Java card is fed
 * forward (never the reference one), so an error anywhere shows up in every later review.
 */
class FsrsVectorsTest {
    private static final double RELATIVE = 1e-6;
    private static JsonNode vectors;

    @BeforeAll
    static void writeVectors() throws Exception {
        Path overlay = Path.of("..", "overlay-js").toAbsolutePath().normalize();
        Path out = Path.of("target", "fsrs-vectors.json").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Process node = new ProcessBuilder("node", "scripts/fsrs-vectors.mjs", out.toString())
                .directory(overlay.toFile()).redirectErrorStream(true).start();
        String log = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node scripts/fsrs-vectors.mjs: %s", log).isZero();
        vectors = new ObjectMapper().readTree(out.toFile());
    }

    @Test
    void javaSchedulerReachesTheReferenceCardsOnEveryHistory() {
        assertThat(vectors.get("reference").asText()).startsWith("v5.4.2 using FSRS-6");
        JsonNode histories = vectors.get("histories");
        assertThat(histories.size()).isGreaterThanOrEqualTo(1000);
        Fsrs defaults = new Fsrs(Fsrs.Parameters.defaults());
        Fsrs inflow = new Fsrs(Fsrs.Parameters.inflow());
        List<String> mismatches = new ArrayList<>();
        int reviews = 0;
        double worst = 0;
        int[] seenStates = new int[4];
        for (int h = 0; h < histories.size(); h++) {
            JsonNode history = histories.get(h);
            Fsrs fsrs = history.get("config").asText().equals("inflow") ? inflow : defaults;
            JsonNode steps = history.get("reviews");
            Fsrs.Card card = Fsrs.Card.fresh(Instant.parse(steps.get(0).get("at").asText()));
            for (int i = 0; i < steps.size() && mismatches.size() < 20; i++) {
                JsonNode step = steps.get(i);
                card = fsrs.review(card, Instant.parse(step.get("at").asText()), Fsrs.Rating.of(step.get("rating").asInt()));
                JsonNode want = step.get("card");
                reviews++;
                seenStates[card.state().ordinal()]++;
                worst = Math.max(worst, Math.max(relative(card.stability(), want.get("stability").asDouble()),
                        relative(card.difficulty(), want.get("difficulty").asDouble())));
                String got = describe(card);
                String expected = describe(want);
                if (!got.equals(expected)
                        || relative(card.stability(), want.get("stability").asDouble()) > RELATIVE
                        || relative(card.difficulty(), want.get("difficulty").asDouble()) > RELATIVE) {
                    mismatches.add("history " + h + " review " + i + ": java " + got + " s=" + card.stability() + " d=" + card.difficulty()
                            + " / ts-fsrs " + expected + " s=" + want.get("stability") + " d=" + want.get("difficulty"));
                    break;
                }
            }
        }
        System.out.printf("FSRS vectors: %d histories, %d reviews, largest relative difference in stability or difficulty %.2e%n",
                histories.size(), reviews, worst);
        assertThat(mismatches).isEmpty();
        assertThat(seenStates[Fsrs.State.LEARNING.ordinal()]).isPositive();
        assertThat(seenStates[Fsrs.State.REVIEW.ordinal()]).isPositive();
        assertThat(seenStates[Fsrs.State.RELEARNING.ordinal()]).isPositive();
    }

    private static String describe(Fsrs.Card c) {
        return String.join(" ", c.state().name(), "step" + c.learningSteps(), "reps" + c.reps(), "lapses" + c.lapses(),
                "elapsed" + c.elapsedDays(), "scheduled" + c.scheduledDays(), "due" + c.due(), "last" + c.lastReview());
    }

    private static String describe(JsonNode c) {
        return String.join(" ", Fsrs.State.values()[c.get("state").asInt()].name(), "step" + c.get("learningSteps").asInt(),
                "reps" + c.get("reps").asInt(), "lapses" + c.get("lapses").asInt(), "elapsed" + c.get("elapsedDays").asInt(),
                "scheduled" + c.get("scheduledDays").asInt(), "due" + Instant.parse(c.get("due").asText()),
                "last" + Instant.parse(c.get("lastReview").asText()));
    }

    private static double relative(double got, double want) {
        return Math.abs(got - want) / Math.max(1, Math.abs(want));
    }
}
