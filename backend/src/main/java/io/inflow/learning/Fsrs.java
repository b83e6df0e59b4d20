package io.inflow.learning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The FSRS-6 spaced-repetition scheduler, as ts-fsrs 5.4.2 (the reference implementation)
 * computes it with fuzz off: same formulas, same rounding to 8 decimals, same learning steps.
 * StrictMath keeps exp, log and pow on fdlibm, which is what V8 uses, so both sides agree
 * to the last bit in nearly every case.
 */
public final class Fsrs {
    /** FSRS-6 default weights w0..w20 (ts-fsrs default_w). */
    public static final List<Double> DEFAULT_WEIGHTS = List.of(
            0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
            1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542);
    private static final double S_MIN = 0.001;
    private static final double S_MAX = 36500;
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    public enum State { NEW, LEARNING, REVIEW, RELEARNING }

    public enum Rating {
        AGAIN(1), HARD(2), GOOD(3), EASY(4);

        final int grade;

        Rating(int grade) {
            this.grade = grade;
        }

        public static Rating of(int grade) {
            return values()[grade - 1];
        }
    }

    /**
     * What the scheduler needs; learning steps are in minutes.
     * {@link #defaults()} are ts-fsrs's: retention 0.9, 36500 days at most, steps 1 and 10 minutes, relearning 10 minutes.
     */
    public record Parameters(List<Double> weights, double requestRetention, int maximumInterval,
                             List<Integer> learningSteps, List<Integer> relearningSteps, boolean enableShortTerm) {
        public Parameters {
            if (weights.size() != 21) {
                throw new IllegalArgumentException("FSRS-6 has 21 weights, not " + weights.size());
            }
            if (!(requestRetention > 0 && requestRetention <= 1)) {
                throw new IllegalArgumentException("request retention must be in (0, 1]");
            }
            weights = List.copyOf(weights);
            learningSteps = List.copyOf(learningSteps);
            relearningSteps = List.copyOf(relearningSteps);
        }

        public static Parameters defaults() {
            return new Parameters(DEFAULT_WEIGHTS, 0.9, 36500, List.of(1, 10), List.of(10), true);
        }

        /**
         * Inflow's schedule: the default weights and retention, without same-day learning steps, because
         * bringing a tip back 1 or 10 minutes later would interrupt work; the first review is due in days.
         */
        public static Parameters inflow() {
            return new Parameters(DEFAULT_WEIGHTS, 0.9, 36500, List.of(), List.of(), true);
        }
    }

    /** One learner's memory of one item, as ts-fsrs's Card. */
    public record Card(State state, double stability, double difficulty, int elapsedDays, int scheduledDays,
                       int reps, int lapses, int learningSteps, Instant due, Instant lastReview) {
        public static Card fresh(Instant now) {
            return new Card(State.NEW, 0, 0, 0, 0, 0, 0, 0, now, null);
        }
    }

    private final Parameters p;
    private final double[] w;
    private final double decay;
    private final double factor;
    private final double intervalModifier;

    public Fsrs(Parameters parameters) {
        this.p = parameters;
        this.w = parameters.weights().stream().mapToDouble(Double::doubleValue).toArray();
        this.decay = -w[20];
        this.factor = roundTo(StrictMath.exp(StrictMath.pow(decay, -1) * StrictMath.log(0.9)) - 1, 8);
        this.intervalModifier = roundTo((StrictMath.pow(parameters.requestRetention(), 1 / decay) - 1) / factor, 8);
    }

    /** Probability of recall after elapsedDays at a stability (the FSRS-6 power forgetting curve). */
    public double retrievability(double elapsedDays, double stability) {
        return roundTo(StrictMath.pow(1 + factor * elapsedDays / stability, decay), 8);
    }

    /** The card after a review with this rating at this time. */
    public Card review(Card card, Instant now, Rating rating) {
        int elapsed = card.state() != State.NEW && card.lastReview() != null ? daysBetween(card.lastReview(), now) : 0;
        Mutable next = new Mutable(card, now, elapsed);
        switch (card.state()) {
            case NEW, LEARNING, RELEARNING -> {
                memory(next, card, elapsed, rating, null);
                applyLearningSteps(next, card, rating, card.state() == State.NEW ? State.LEARNING : card.state(), now, elapsed);
            }
            case REVIEW -> reviewState(next, card, now, elapsed, rating);
        }
        return next.card();
    }

    private void reviewState(Mutable next, Card card, Instant now, int elapsed, Rating rating) {
        double r = retrievability(elapsed, card.stability());
        if (rating == Rating.AGAIN) {
            memory(next, card, elapsed, rating, r);
            applyLearningSteps(next, card, rating, State.RELEARNING, now, elapsed);
            next.lapses += 1;
            return;
        }
        // ts-fsrs orders the three intervals together: hard <= good < easy
        double[] stability = new double[5];
        for (Rating g : List.of(Rating.HARD, Rating.GOOD, Rating.EASY)) {
            stability[g.grade] = nextState(card.difficulty(), card.stability(), elapsed, g, r)[1];
        }
        int hard = nextInterval(stability[2]);
        int good = nextInterval(stability[3]);
        hard = Math.min(hard, good);
        good = Math.max(good, hard + 1);
        int easy = Math.max(nextInterval(stability[4]), good + 1);
        int days = rating == Rating.HARD ? hard : rating == Rating.GOOD ? good : easy;
        memory(next, card, elapsed, rating, r);
        next.scheduledDays = days;
        next.due = now.plusMillis(days * DAY);
        next.state = State.REVIEW;
        next.learningSteps = 0;
    }

    private void memory(Mutable next, Card card, int elapsed, Rating rating, Double r) {
        double[] ds = nextState(card.difficulty(), card.stability(), elapsed, rating, r);
        next.difficulty = ds[0];
        next.stability = ds[1];
    }

    private void applyLearningSteps(Mutable next, Card current, Rating rating, State toState, Instant now, int elapsed) {
        long[] step = learningStep(current.state(), current.learningSteps(), rating);
        long minutes = Math.max(0, step[0]);
        if (minutes > 0 && minutes < 1440) {
            next.learningSteps = (int) step[1];
            next.scheduledDays = 0;
            next.state = toState;
            next.due = now.plusMillis(minutes * MINUTE);
        } else {
            next.state = State.REVIEW;
            if (minutes >= 1440) {
                next.learningSteps = (int) step[1];
                next.due = now.plusMillis(minutes * MINUTE);
                next.scheduledDays = (int) (minutes / 1440);
            } else {
                next.learningSteps = 0;
                int days = nextInterval(next.stability);
                next.scheduledDays = days;
                next.due = now.plusMillis(days * DAY);
            }
        }
    }

    /** {scheduled minutes, next step}, {0, 0} when the steps say nothing (ts-fsrs BasicLearningStepsStrategy). */
    private long[] learningStep(State state, int currentStep, Rating rating) {
        List<Integer> steps = state == State.RELEARNING || state == State.REVIEW ? p.relearningSteps() : p.learningSteps();
        if (steps.isEmpty() || currentStep >= steps.size()) {
            return new long[] {0, 0};
        }
        if (state == State.REVIEW) {
            return rating == Rating.AGAIN ? new long[] {steps.get(Math.max(0, currentStep)), 0} : new long[] {0, 0};
        }
        return switch (rating) {
            case AGAIN -> new long[] {steps.get(0), 0};
            case HARD -> new long[] {steps.size() == 1 ? Math.round(steps.get(0) * 1.5) : Math.round((steps.get(0) + steps.get(1)) / 2.0), currentStep};
            case GOOD -> currentStep + 1 < steps.size() && steps.get(currentStep + 1) > 0
                    ? new long[] {steps.get(currentStep + 1), currentStep + 1} : new long[] {0, 0};
            case EASY -> new long[] {0, 0};
        };
    }

    /** {difficulty, stability} after a review; r is the retrievability, computed when null. */
    double[] nextState(double d, double s, int t, Rating rating, Double r) {
        int g = rating.grade;
        if (d == 0 && s == 0) {
            return new double[] {clamp(initDifficulty(g), 1, 10), Math.max(w[g - 1], 0.1)};
        }
        double recall = r != null ? r : retrievability(t, s);
        double newS;
        if (t == 0 && p.enableShortTerm()) {
            double sinc = StrictMath.pow(s, -w[19]) * StrictMath.exp(w[17] * (g - 3 + w[18]));
            double masked = g >= 2 ? Math.max(sinc, 1) : sinc;
            newS = roundTo(clamp(s * masked, S_MIN, S_MAX), 8);
        } else if (g == 1) {
            double afterFail = roundTo(clamp(w[11] * StrictMath.pow(d, -w[12]) * (StrictMath.pow(s + 1, w[13]) - 1)
                    * StrictMath.exp((1 - recall) * w[14]), S_MIN, S_MAX), 8);
            double w17 = p.enableShortTerm() ? w[17] : 0;
            double w18 = p.enableShortTerm() ? w[18] : 0;
            newS = clamp(roundTo(s / StrictMath.exp(w17 * w18), 8), S_MIN, afterFail);
        } else {
            double hardPenalty = g == 2 ? w[15] : 1;
            double easyBonus = g == 4 ? w[16] : 1;
            newS = roundTo(clamp(s * (1 + StrictMath.exp(w[8]) * (11 - d) * StrictMath.pow(s, -w[9])
                    * (StrictMath.exp((1 - recall) * w[10]) - 1) * hardPenalty * easyBonus), S_MIN, S_MAX), 8);
        }
        double delta = -w[6] * (g - 3);
        double damped = d + roundTo(delta * (10 - d) / 9, 8);
        double newD = clamp(roundTo(w[7] * initDifficulty(4) + (1 - w[7]) * damped, 8), 1, 10);
        return new double[] {newD, newS};
    }

    private double initDifficulty(int g) {
        return roundTo(w[4] - StrictMath.exp((g - 1) * w[5]) + 1, 8);
    }

    private int nextInterval(double stability) {
        return (int) Math.min(Math.max(1, Math.round(stability * intervalModifier)), p.maximumInterval());
    }

    /** Calendar days between two times in UTC, as ts-fsrs counts elapsed days. */
    static int daysBetween(Instant from, Instant to) {
        return (int) ChronoUnit.DAYS.between(LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC));
    }

    static double roundTo(double value, int decimals) {
        double f = StrictMath.pow(10, decimals);
        return Math.round(value * f) / f;
    }

    private static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }

    /** The card being built by one review. */
    private static final class Mutable {
        State state;
        double stability;
        double difficulty;
        final int elapsedDays;
        int scheduledDays;
        final int reps;
        int lapses;
        int learningSteps;
        Instant due;
        final Instant lastReview;

        Mutable(Card card, Instant now, int elapsed) {
            state = card.state();
            stability = card.stability();
            difficulty = card.difficulty();
            elapsedDays = elapsed;
            scheduledDays = card.scheduledDays();
            reps = card.reps() + 1;
            lapses = card.lapses();
            learningSteps = card.learningSteps();
            due = card.due();
            lastReview = now;
        }

        Card card() {
            return new Card(state, stability, difficulty, elapsedDays, scheduledDays, reps, lapses, learningSteps, due, lastReview);
        }
    }

    /** How long until the card is due, from now (negative when overdue). */
    public static Duration untilDue(Card card, Instant now) {
        return Duration.between(now, card.due());
    }
}
