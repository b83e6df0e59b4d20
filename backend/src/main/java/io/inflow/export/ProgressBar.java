package io.inflow.export;

/** A one-line progress bar for a terminal: redrawn in place with a carriage return. */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private ProgressBar() {}

    /** "[#########.....................]  30%  3,000 / 10,000 rows"; without a known total, only the count. */
    public static String line(long done, long total) {
        if (total <= 0) {
            return String.format("%,d rows", done);
        }
        long shown = Math.min(done, total);
        int filled = (int) (WIDTH * shown / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%  %,d / %,d rows", 100 * shown / total, done, total);
    }
}
