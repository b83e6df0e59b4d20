package io.inflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
}
