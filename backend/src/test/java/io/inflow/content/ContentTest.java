package io.inflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentTest {
    private final Content content = new Content();

    @Test
    void markdownBecomesTheSameAllowedNodesAsHtmlAndTree() {
        Content.Rendered r = content.markdown("# Title\n\nUse **net** and [docs](https://wiki.example.com/x \"Docs\").\n\n- one\n- two");
        assertThat(r.html()).contains("<h3>Title</h3>", "<strong>net</strong>", "<a href=\"https://wiki.example.com/x\" title=\"Docs\">docs</a>", "<li>one</li>");
        assertThat(r.tree()).containsExactly(
                List.of("h3", Map.of(), "Title"),
                List.of("p", Map.of(), "Use ", List.of("strong", Map.of(), "net"), " and ",
                        List.of("a", Map.of("href", "https://wiki.example.com/x", "title", "Docs"), "docs"), "."),
                List.of("ul", Map.of(), List.of("li", Map.of(), "one"), List.of("li", Map.of(), "two")));
    }

    @Test
    void scriptsHandlersAndDangerousUrlsAreDroppedButTextStays() {
        Content.Rendered r = content.markdown("Hello <script>alert(1)</script><img src=x onerror=alert(1)> "
                + "[a](javascript:alert(1)) <svg onload=alert(1)><circle/></svg> <a href=\"data:text/html,x\">d</a> 5 < 6 & \"ok\"");
        assertThat(r.html()).doesNotContain("<script", "onerror", "javascript:", "<svg", "data:");
        assertThat(r.tree().toString()).doesNotContain("script", "onerror", "javascript", "svg", "data:");
        assertThat(r.tree().toString()).contains("Hello", "5 < 6 & \"ok\"");
        assertThat(r.html()).contains("5 &lt; 6 &amp;");
    }
}
