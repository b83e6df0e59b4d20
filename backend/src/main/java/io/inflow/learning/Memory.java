package io.inflow.learning;

import java.time.Instant;

/** What Inflow remembers of one learner and one tip; card is the FSRS state, null before the first review. */
public record Memory(String tipId, int views, int dismissals, int checksRight, int checksWrong,
                     Instant firstSeenAt, Instant lastSeenAt, Instant lastDismissedAt, Instant completedAt,
                     String lastAnswer, Fsrs.Card card) {

    public static Memory empty(String tipId) {
        return new Memory(tipId, 0, 0, 0, 0, null, null, null, null, null, null);
    }

    public boolean dueAt(Instant now) {
        return card != null && !card.due().isAfter(now);
    }

    Memory viewed(Instant at) {
        return new Memory(tipId, views + 1, dismissals, checksRight, checksWrong, firstSeenAt == null ? at : firstSeenAt, at,
                lastDismissedAt, completedAt, lastAnswer, card);
    }

    Memory dismissed(Instant at) {
        return new Memory(tipId, views, dismissals + 1, checksRight, checksWrong, firstSeenAt, lastSeenAt, at, completedAt, lastAnswer, card);
    }

    Memory completed(Instant at) {
        return new Memory(tipId, views, dismissals, checksRight, checksWrong, firstSeenAt, lastSeenAt, lastDismissedAt,
                completedAt == null ? at : completedAt, lastAnswer, card);
    }

    Memory answered(boolean right) {
        return new Memory(tipId, views, dismissals, checksRight + (right ? 1 : 0), checksWrong + (right ? 0 : 1), firstSeenAt,
                lastSeenAt, lastDismissedAt, completedAt, right ? "right" : "wrong", card);
    }

    Memory reviewed(Fsrs.Card next) {
        return new Memory(tipId, views, dismissals, checksRight, checksWrong, firstSeenAt, lastSeenAt, lastDismissedAt, completedAt, lastAnswer, next);
    }
}
