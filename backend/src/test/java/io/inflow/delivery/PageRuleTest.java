package io.inflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRuleTest {
    private static boolean matches(String rule, String url) {
        return PageRule.parse(rule).match(URI.create(url)).isPresent();
    }

    @Test
    void pathRulesMatchOnAnyHostAndIgnoreQueryFragmentAndTrailingSlash() {
        assertThat(matches("/opportunities/:id", "https://crm.example.com/opportunities/42?tab=1#notes")).isTrue();
        assertThat(matches("/opportunities/:id", "http://localhost:7070/opportunities/42/")).isTrue();
        assertThat(matches("/opportunities/:id", "https://crm.example.com/opportunities")).isFalse();
        assertThat(matches("/opportunities/:id", "https://crm.example.com/opportunities/42/edit")).isFalse();
        assertThat(PageRule.parse("/a/:account/b/:id").match(URI.create("https://x.test/a/7/b/9")).orElseThrow())
                .isEqualTo(Map.of("account", "7", "id", "9"));
    }

    @Test
    void wildcardsMatchTheRestOfThePath() {
        assertThat(matches("/accounts/*", "https://crm.example.com/accounts/7/contacts")).isTrue();
        assertThat(matches("/accounts/*", "https://crm.example.com/reports")).isFalse();
        assertThatThrownBy(() -> PageRule.parse("*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullRulesCheckSchemeHostAndPort() {
        assertThat(matches("https://crm.example.com/accounts/*", "https://crm.example.com/accounts/1")).isTrue();
        assertThat(matches("https://crm.example.com/accounts/*", "http://crm.example.com/accounts/1")).isFalse();
        assertThat(matches("https://crm.example.com/accounts/*", "https://evil.example.net/accounts/1")).isFalse();
        assertThat(matches("*://*.example.com/x", "http://eu.crm.example.com/x")).isTrue();
        assertThat(matches("*://*.example.com/x", "http://example.com/x")).isFalse();
        assertThat(matches("*://*.example.com/x", "http://example.com.evil.net/x")).isFalse();
        assertThat(matches("http://localhost:7070/*", "http://localhost:7071/a")).isFalse();
        assertThat(matches("https://crm.example.com", "https://crm.example.com/any/page")).isTrue();
    }

    @Test
    void literalRegexCharactersInRulesAreLiteral() {
        assertThat(matches("/a.b/(x)", "https://h.test/a.b/(x)")).isTrue();
        assertThat(matches("/a.b/(x)", "https://h.test/aXb/(x)")).isFalse();
    }

    @Test
    void badRulesAreRefusedWithAReason() {
        assertThatThrownBy(() -> PageRule.parse("")).hasMessageContaining("required");
        assertThatThrownBy(() -> PageRule.parse("opportunities/1")).hasMessageContaining("path");
        assertThatThrownBy(() -> PageRule.parse("/a/:")).hasMessageContaining("parameter name");
        assertThatThrownBy(() -> PageRule.parse("/a/:id/:id")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PageRule.parse("/a b")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> PageRule.parse("/a?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> PageRule.parse("ftp://h/x")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> PageRule.parse("https://bad host/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuleMatchesOnlyPagesWhoseFirstSegmentIsItsLiteralOne() {
        // delivery tries only the rules indexed under a page's first segment (and those without one): never skip a match
        List<String> rules = List.of("/", "/accounts", "/accounts/:id", "/accounts/*", "/acc*", "/:tenant/accounts", "/*",
                "https://crm.example.com/accounts/:id/edit", "*://*.example.com", "/r%C3%A9sum%C3%A9/:id", "/a:b", "/page7/x/*");
        List<String> urls = List.of("https://crm.example.com/", "https://crm.example.com", "https://crm.example.com/accounts",
                "https://crm.example.com/accounts/", "https://crm.example.com/accounts/7", "https://crm.example.com/accounts/7/edit",
                "https://crm.example.com/accountsx/7", "https://crm.example.com/t1/accounts", "https://crm.example.com/r%C3%A9sum%C3%A9/1",
                "https://crm.example.com/a:b", "https://crm.example.com/page7/x/y?q=1", "https://crm.example.com/page7");
        int matched = 0;
        for (String rule : rules) {
            PageRule parsed = PageRule.parse(rule);
            for (String url : urls) {
                if (parsed.match(URI.create(url)).isPresent()) {
                    matched++;
                    assertThat(parsed.firstSegment() == null || parsed.firstSegment().equals(PageRule.firstSegment(URI.create(url))))
                            .as(rule + " matches " + url).isTrue();
                }
            }
        }
        assertThat(matched).as("the cases include matches").isGreaterThan(15);
        assertThat(PageRule.parse("/accounts/:id").firstSegment()).isEqualTo("accounts");
        assertThat(PageRule.parse("/reports").firstSegment()).isEqualTo("reports");
        assertThat(PageRule.parse("/acc*").firstSegment()).isNull();
        assertThat(PageRule.parse("/:tenant/x").firstSegment()).isNull();
    }
}
