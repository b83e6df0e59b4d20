package io.inflow.learning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Compares three ways of showing reinforce-tips over 90 simulated working days:
 * Inflow's FSRS schedule within its budget, "show every visit" and "show once".
 *
 *   java -cp backend/target/inflow.jar io.inflow.learning.Simulation [learners] [seed]
 *
 * The learner model is the FSRS-6 memory model itself: each learner has a true memory of each tip
 * (stability, difficulty); at every exposure they recall it with the probability the forgetting
 * curve gives, and the exposure updates the memory as a review rated Good (recalled) or Again
 * (forgotten). Inflow's schedule sees only those outcomes (the check answers), so its card is the
 * learner's memory. Workers visit each tip's page on a working day with probability 0.6, one to four
 * times. A view costs 15 s, an answered check another 10 s. Recall at day 90 is the forgetting
 * curve's value for each learner and tip at the end of the last day, averaged; a tip never shown
 * counts as 0.
 */
public final class Simulation {
    public enum Strategy { INFLOW, EVERY_VISIT, ONCE }

    public record Result(Strategy strategy, double recallAtDay90, double minutesPerLearner, double exposuresPerLearner) {}

    static final int DAYS = 90;
    static final int TIPS = 12;
    static final double VISIT_PROBABILITY = 0.6;
    static final double VIEW_SECONDS = 15;
    static final double CHECK_SECONDS = 10;

    private final Fsrs memoryModel = new Fsrs(Fsrs.Parameters.inflow());

    public List<Result> run(int learners, long seed) {
        List<Result> results = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            results.add(run(strategy, learners, new SplittableRandom(seed)));
        }
        return results;
    }

    private Result run(Strategy strategy, int learners, SplittableRandom random) {
        double recall = 0;
        double seconds = 0;
        long exposures = 0;
        List<LocalDate> days = workingDays(LocalDate.of(2026, 1, 5), DAYS);
        for (int l = 0; l < learners; l++) {
            Fsrs.Card[] memory = new Fsrs.Card[TIPS];
            for (LocalDate day : days) {
                int prompts = 0;
                for (int tip = 0; tip < TIPS; tip++) {
                    if (random.nextDouble() >= VISIT_PROBABILITY) {
                        continue;
                    }
                    int visits = 1 + random.nextInt(4);
                    for (int v = 0; v < visits; v++) {
                        Instant at = day.atTime(9 + random.nextInt(8), random.nextInt(60)).toInstant(ZoneOffset.UTC);
                        boolean show;
                        boolean check = false;
                        if (memory[tip] == null) {
                            show = true; // every strategy shows a tip the first time
                        } else {
                            show = switch (strategy) {
                                case EVERY_VISIT -> true;
                                case ONCE -> false;
                                case INFLOW -> !memory[tip].due().isAfter(at) && prompts < Budget.DEFAULT.dailyCap();
                            };
                            if (show && strategy == Strategy.INFLOW) {
                                prompts++;
                                check = true;
                            }
                        }
                        if (show) {
                            memory[tip] = expose(memory[tip], at, random);
                            seconds += VIEW_SECONDS + (check ? CHECK_SECONDS : 0);
                            exposures++;
                        }
                    }
                }
            }
            Instant end = days.get(days.size() - 1).atTime(18, 0).toInstant(ZoneOffset.UTC);
            for (Fsrs.Card card : memory) {
                if (card != null) {
                    double elapsed = Duration.between(card.lastReview(), end).toMillis() / 86_400_000.0;
                    recall += memoryModel.retrievability(elapsed, card.stability());
                }
            }
        }
        return new Result(strategy, recall / (learners * TIPS), seconds / 60 / learners, (double) exposures / learners);
    }

    private Fsrs.Card expose(Fsrs.Card card, Instant at, SplittableRandom random) {
        if (card == null) {
            return memoryModel.review(Fsrs.Card.fresh(at), at, Fsrs.Rating.GOOD);
        }
        double elapsed = Duration.between(card.lastReview(), at).toMillis() / 86_400_000.0;
        boolean recalled = random.nextDouble() < memoryModel.retrievability(elapsed, card.stability());
        return memoryModel.review(card, at, recalled ? Fsrs.Rating.GOOD : Fsrs.Rating.AGAIN);
    }

    static List<LocalDate> workingDays(LocalDate from, int count) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; days.size() < count; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s %18s %20s %18s %20s%n",
                "schedule", "recall at day 90", "minutes per learner", "minutes per week", "exposures per learner"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-12s %17.1f%% %20.1f %18.1f %20.1f%n", r.strategy().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    100 * r.recallAtDay90(), r.minutesPerLearner(), r.minutesPerLearner() / (DAYS / 5.0), r.exposuresPerLearner()));
        }
        return out.toString();
    }

    public static void main(String[] args) {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261123L;
        System.out.printf(Locale.ROOT, "%d learners, %d reinforce-tips each, %d working days, FSRS-6 default weights, daily cap %d%n%n",
                learners, TIPS, DAYS, Budget.DEFAULT.dailyCap());
        System.out.print(table(new Simulation().run(learners, seed)));
    }
}
