package io.inflow.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Inflow in its own JVM, so a test can kill it the hard way (SIGKILL) and start it again. */
public final class ServerProcess implements AutoCloseable {
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    public ServerProcess(String databaseUrl, Path dataDir, Path log) {
        this.port = freePort();
        this.log = log;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.inflow.Main", "serve",
                "--port", String.valueOf(port), "--data", dataDir.toString(), "--db", databaseUrl));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it answers. */
    public void start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(Map.of("INFLOW_ADMIN_EMAIL", Server.ADMIN_EMAIL, "INFLOW_ADMIN_PASSWORD", Server.ADMIN_PASSWORD));
            process = builder.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/openapi.json")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new IllegalStateException("server did not answer within 30 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
