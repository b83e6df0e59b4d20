package io.inflow.testing;

import org.openqa.selenium.Rectangle;

/** Geometry of what the browser shows, for assertions on where a tip sits. */
public final class Rects {
    private Rects() {}

    /** The distance between two rectangles (0 when they touch or overlap). */
    public static int gap(Rectangle a, Rectangle b) {
        int dx = Math.max(0, Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width)));
        int dy = Math.max(0, Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height)));
        return Math.max(dx, dy);
    }

    public static int overlapArea(Rectangle a, Rectangle b) {
        int w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        int h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
