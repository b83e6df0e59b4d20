package io.inflow.learning;

import io.inflow.web.Validation;

/**
 * How much learning an app asks of each learner: at most dailyCap reinforcement prompts a day,
 * none for quietMinutes after the learner dismisses a tip, and a weekly target in minutes.
 */
public record Budget(Integer dailyCap, Integer quietMinutes, Integer weeklyMinutesTarget) {
    public static final Budget DEFAULT = new Budget(3, 30, 24);

    /** This budget with the fields left out taken from another. */
    Budget over(Budget base) {
        return new Budget(dailyCap == null ? base.dailyCap : dailyCap, quietMinutes == null ? base.quietMinutes : quietMinutes,
                weeklyMinutesTarget == null ? base.weeklyMinutesTarget : weeklyMinutesTarget);
    }

    void validate(Validation v) {
        v.check(dailyCap >= 0 && dailyCap <= 50, "dailyCap", "must be between 0 and 50 prompts a day");
        v.check(quietMinutes >= 0 && quietMinutes <= 24 * 60, "quietMinutes", "must be between 0 and 1440 minutes");
        v.check(weeklyMinutesTarget >= 0 && weeklyMinutesTarget <= 10 * 60, "weeklyMinutesTarget", "must be between 0 and 600 minutes");
    }
}
