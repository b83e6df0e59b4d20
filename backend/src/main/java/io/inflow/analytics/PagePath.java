package io.inflow.analytics;

import java.net.URI;

/**
 * The page of a page view: a path with no query and no fragment (they may carry personal data
 * and would split one page into many), from the path the overlay sent or else from the event's URL.
 */
final class PagePath {
    static final int MAX = 512;

    private PagePath() {}

    /** The page path, or null when neither the sent path nor the URL gives one. */
    static String of(String sent, String url) {
        String path = clean(sent);
        if (path != null) {
            return path;
        }
        if (url == null) {
            return null;
        }
        try {
            return clean(URI.create(url).getRawPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clean(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        int end = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String p = path.substring(0, end);
        return p.length() > MAX ? p.substring(0, MAX) : p;
    }
}
