package io.inflow.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;

/**
 * Tip bodies: Markdown rendered by commonmark, then passed through one allow-list
 * (OWASP java-html-sanitizer). The same sanitiser events give both the HTML the console
 * previews and the node tree the overlay builds with createElement, so the two cannot differ.
 */
public final class Content {
    /** A rendered body: sanitised HTML, and the tree of allowed nodes ([tag, {attrs}, ...children] or text). */
    public record Rendered(String html, List<Object> tree) {}

    private static final Set<String> VOID = Set.of("br", "hr", "img");
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();
    private final HtmlPolicyBuilder policy = new HtmlPolicyBuilder()
            .allowElements("p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "blockquote",
                    "h3", "h4", "h5", "h6", "hr", "img")
            // a tooltip has no room for page-level headings
            .allowElements((name, attrs) -> "h3", "h1", "h2")
            .allowElements((name, attrs) -> "strong", "b")
            .allowElements((name, attrs) -> "em", "i")
            .allowUrlProtocols("http", "https")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("src", "alt", "title").onElements("img")
            .allowAttributes("start").matching(java.util.regex.Pattern.compile("[0-9]{1,6}")).onElements("ol");

    public Rendered markdown(String markdown) {
        return html(renderer.render(parser.parse(markdown == null ? "" : markdown)));
    }

    public Rendered html(String untrustedHtml) {
        StringBuilder html = new StringBuilder();
        HtmlStreamRenderer htmlOut = HtmlStreamRenderer.create(html, bad -> { }, bad -> { });
        TreeBuilder treeOut = new TreeBuilder();
        HtmlSanitizer.sanitize(untrustedHtml, policy.build(new Tee(htmlOut, treeOut)));
        return new Rendered(html.toString(), treeOut.roots);
    }

    /** Sends the sanitiser's events to two receivers. */
    private record Tee(HtmlStreamEventReceiver a, HtmlStreamEventReceiver b) implements HtmlStreamEventReceiver {
        public void openDocument() { a.openDocument(); b.openDocument(); }
        public void closeDocument() { a.closeDocument(); b.closeDocument(); }
        public void openTag(String name, List<String> attrs) { a.openTag(name, attrs); b.openTag(name, attrs); }
        public void closeTag(String name) { a.closeTag(name); b.closeTag(name); }
        public void text(String text) { a.text(text); b.text(text); }
    }

    /** Builds the node tree from sanitiser events; whitespace-only text between blocks is dropped. */
    private static final class TreeBuilder implements HtmlStreamEventReceiver {
        final List<Object> roots = new ArrayList<>();
        private final List<List<Object>> open = new ArrayList<>();

        public void openDocument() { }

        public void closeDocument() { }

        public void openTag(String name, List<String> attrs) {
            java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                attributes.put(attrs.get(i), attrs.get(i + 1));
            }
            List<Object> node = new ArrayList<>();
            node.add(name);
            node.add(attributes);
            append(node);
            if (!VOID.contains(name)) {
                open.add(node);
            }
        }

        public void closeTag(String name) {
            if (!open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }

        public void text(String text) {
            if (open.isEmpty() && text.isBlank()) {
                return;
            }
            append(text);
        }

        private void append(Object node) {
            if (open.isEmpty()) {
                roots.add(node);
            } else {
                open.get(open.size() - 1).add(node);
            }
        }
    }
}
