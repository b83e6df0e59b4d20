package io.inflow.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** A host app on its own origin (another port on loopback), serving pages with their Content-Security-Policy. */
public final class HostSite implements AutoCloseable {
    public record Page(String html, String contentSecurityPolicy) {}

    private final HttpServer server;
    public final String origin;

    private HostSite(HttpServer server) {
        this.server = server;
        this.origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static HostSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return new HostSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every path under the prefix with the page, made fresh for each request. */
    public HostSite serve(String prefix, Supplier<Page> page) {
        server.createContext(prefix, exchange -> {
            Page p = page.get();
            byte[] body = p.html().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Security-Policy", p.contentSecurityPolicy());
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
