package io.inflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small real HTTP client for tests, with its own cookie jar. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    /** A client for any server, e.g. one in another process. */
    public static Http to(String base) {
        return new Http(base);
    }

    Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** "name=value" of a cookie this client holds for a server, for sending it elsewhere. */
    public String cookie(String serverBase, String name) {
        return cookies.getCookieStore().get(URI.create(serverBase)).stream().filter(c -> c.getName().equals(name))
                .findFirst().map(c -> name + "=" + c.getValue()).orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    public Http header(String name, String value) {
        defaults.put(name, value);
        return this;
    }

    public void signIn(String email, String password) {
        Response r = send("POST", "/api/v1/session", Map.of("email", email, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("sign-in failed: " + r.status() + " " + r.body());
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends a body: a String as it is (JSON unless a Content-Type header says otherwise), else as JSON. */
    public Response send(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            boolean hasType = false;
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                hasType |= headers[i].equalsIgnoreCase("Content-Type");
            }
            defaults.forEach(request::header);
            if (text != null && !hasType) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
