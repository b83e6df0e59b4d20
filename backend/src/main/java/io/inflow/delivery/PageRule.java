package io.inflow.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which URLs a tip belongs to, in a URLPattern-like syntax: a path such as
 * {@code /opportunities/:id} or {@code /accounts/*} matches on any host of the app;
 * a full pattern such as {@code https://crm.example.com/accounts/*} or
 * {@code *://*.example.com/x} also checks scheme and host. Query and fragment are ignored.
 */
public final class PageRule {
    public static final int MAX_LENGTH = 500;
    private static final Pattern FULL = Pattern.compile("^([A-Za-z*]+)://([^/?#]+)(/[^?#]*)?$");
    private static final Pattern HOST = Pattern.compile("^(\\*|(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*)(:(\\d{1,5}|\\*))?$");

    private final String text;
    private final String scheme; // null = any
    private final Pattern host;  // null = any
    private final Integer port;  // null = any
    private final Pattern path;
    private final List<String> groups;
    private final String firstSegment; // null = the first segment holds a parameter or wildcard

    private PageRule(String text, String scheme, Pattern host, Integer port, Pattern path, List<String> groups, String firstSegment) {
        this.text = text;
        this.firstSegment = firstSegment;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.groups = groups;
    }

    /** Parses a rule; a bad rule throws IllegalArgumentException with a message for the author. */
    public static PageRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        String rule = text.trim();
        if (rule.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        if (rule.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("must not contain spaces");
        }
        if (rule.contains("?") || rule.contains("#")) {
            throw new IllegalArgumentException("leave out the query string and fragment: only scheme, host and path are matched");
        }
        if (rule.startsWith("/")) {
            return compilePath(rule, null, null, null, rule);
        }
        Matcher m = FULL.matcher(rule);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a path such as /accounts/:id or a URL pattern such as https://crm.example.com/accounts/*");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("*")) {
            throw new IllegalArgumentException("scheme must be http, https or *");
        }
        String hostText = m.group(2).toLowerCase(Locale.ROOT);
        Matcher hm = HOST.matcher(hostText);
        if (!hm.matches()) {
            throw new IllegalArgumentException("host '" + m.group(2) + "' is not a host name pattern (e.g. crm.example.com or *.example.com)");
        }
        String hostName = hm.group(1);
        Pattern host = hostName.equals("*") ? null
                : Pattern.compile(hostName.startsWith("*.") ? "(?:[a-z0-9-]+\\.)+" + Pattern.quote(hostName.substring(2)) : Pattern.quote(hostName));
        Integer port = null;
        if (hm.group(5) != null && !hm.group(5).equals("*")) {
            port = Integer.parseInt(hm.group(5));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535");
            }
        }
        String path = m.group(3) == null ? "/*" : m.group(3);
        return compilePath(path, scheme.equals("*") ? null : scheme, host, port, rule);
    }

    private static PageRule compilePath(String path, String scheme, Pattern host, Integer port, String text) {
        String normalised = trimSlash(path);
        StringBuilder regex = new StringBuilder();
        List<String> groups = new ArrayList<>();
        int i = 0;
        while (i < normalised.length()) {
            char c = normalised.charAt(i);
            if (c == ':') {
                int end = i + 1;
                while (end < normalised.length() && (Character.isLetterOrDigit(normalised.charAt(end)) || normalised.charAt(end) == '_')) {
                    end++;
                }
                String name = normalised.substring(i + 1, end);
                if (name.isEmpty() || !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') {
                    throw new IllegalArgumentException("':' must be followed by a parameter name such as :id");
                }
                if (groups.contains(name)) {
                    throw new IllegalArgumentException("the parameter :" + name + " appears twice");
                }
                groups.add(name);
                regex.append("([^/]+)");
                i = end;
            } else if (c == '*') {
                regex.append("(.*)");
                groups.add(null);
                i++;
            } else {
                int end = i;
                while (end < normalised.length() && normalised.charAt(end) != ':' && normalised.charAt(end) != '*') {
                    end++;
                }
                regex.append(Pattern.quote(normalised.substring(i, end)));
                i = end;
            }
        }
        return new PageRule(text, scheme, host, port, Pattern.compile(regex.toString()), java.util.Collections.unmodifiableList(groups),
                literalFirstSegment(normalised));
    }

    private static String literalFirstSegment(String normalised) {
        int variable = 0;
        while (variable < normalised.length() && normalised.charAt(variable) != ':' && normalised.charAt(variable) != '*') {
            variable++;
        }
        int slash = normalised.indexOf('/', 1);
        if (slash > 0 && slash < variable) {
            return normalised.substring(1, slash);
        }
        return variable == normalised.length() ? normalised.substring(1) : null;
    }

    /**
     * The first path segment every URL this rule matches has (raw, as in the URL), or null when it
     * can be anything; lets a caller with many rules try only those that can match a page.
     */
    public String firstSegment() {
        return firstSegment;
    }

    /** The first segment of a page URL's path, compared with {@link #firstSegment()}. */
    public static String firstSegment(URI url) {
        String path = trimSlash(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        int slash = path.indexOf('/', 1);
        return path.substring(1, slash < 0 ? path.length() : slash);
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The rule's parameters when it matches the URL, or empty. */
    public Optional<Map<String, String>> match(URI url) {
        if (scheme != null && !scheme.equalsIgnoreCase(url.getScheme())) {
            return Optional.empty();
        }
        if (host != null && (url.getHost() == null || !host.matcher(url.getHost().toLowerCase(Locale.ROOT)).matches())) {
            return Optional.empty();
        }
        if (port != null && port != effectivePort(url)) {
            return Optional.empty();
        }
        String rawPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        Matcher m = path.matcher(trimSlash(rawPath));
        if (!m.matches()) {
            return Optional.empty();
        }
        // groups are, in order, named parameters and unnamed wildcards (null)
        Map<String, String> values = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g) != null) {
                values.put(groups.get(g), m.group(g + 1));
            }
        }
        return Optional.of(values);
    }

    private static int effectivePort(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Parses a page URL as the overlay sends it; a bad URL throws IllegalArgumentException. */
    public static URI pageUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > 4096) {
            throw new IllegalArgumentException("must be at most 4096 characters");
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
        }
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
