package io.inflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The overlay's URLs: versioned ones name their bytes and are cached for good; the old unversioned ones keep working. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlayUrlTest {
    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Pattern VERSIONED = Pattern.compile("/overlay/([0-9a-f]{12})/inflow(-more)?\\.js");
    Server server;
    String corePath;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), false);
        corePath = server.admin().get("/api/v1/overlay").json().get("path").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theSnippetsOverlayURLNamesItsBytesAndIsCachedForGood() throws Exception {
        Matcher core = VERSIONED.matcher(corePath);
        assertThat(core.matches()).as(corePath).isTrue();
        Http.Response script = server.http().get(corePath);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Cache-Control")).isEqualTo(FOREVER);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(contentHash(script.body())).as("the hash in the URL is the bytes'").isEqualTo(core.group(1));

        // the core loads its extra bundle from that bundle's versioned URL, which the server answers the same way
        Matcher more = VERSIONED.matcher(script.body());
        assertThat(more.find()).as("inflow.js names inflow-more.js by a versioned path").isTrue();
        assertThat(more.group(2)).isEqualTo("-more");
        Http.Response extra = server.http().get(more.group());
        assertThat(extra.status()).isEqualTo(200);
        assertThat(extra.header("Cache-Control")).isEqualTo(FOREVER);
        assertThat(extra.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(contentHash(extra.body())).isEqualTo(more.group(1));
        assertThat(server.http().get(more.group(), "If-None-Match", extra.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void aHashThisServerDoesNotHaveIsNotFound() {
        String otherBuild = corePath.replaceFirst("/overlay/[0-9a-f]{12}/", "/overlay/000000000000/");
        assertThat(server.http().get(otherBuild).status()).isEqualTo(404);
        assertThat(server.http().get("/overlay/000000000000/inflow-more.js").status()).isEqualTo(404);
        Http.Response moreAtCoresHash = server.http().get(corePath.replace("/inflow.js", "/inflow-more.js"));
        assertThat(moreAtCoresHash.status()).as("each bundle answers only its own hash").isEqualTo(404);
        assertThat(moreAtCoresHash.header("Cache-Control")).isNotEqualTo(FOREVER);
    }

    @Test
    void theUnversionedURLsKeepWorkingWithAShortCacheAndAnETag() {
        Http.Response versioned = server.http().get(corePath);
        for (String path : new String[] {"/inflow.js", "/inflow-more.js"}) {
            Http.Response old = server.http().get(path);
            assertThat(old.status()).as(path).isEqualTo(200);
            assertThat(old.header("Cache-Control")).isEqualTo("public, max-age=300");
            assertThat(old.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(old.header("ETag")).isNotBlank();
            Http.Response again = server.http().get(path, "If-None-Match", old.header("ETag"));
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(server.http().get(path, "If-None-Match", "\"something else\"").status()).isEqualTo(200);
        }
        assertThat(server.http().get("/inflow.js").body()).as("the same bytes as the versioned URL").isEqualTo(versioned.body());
    }

    private static String contentHash(String body) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 12);
    }
}
