package dev.churnsentinel.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * How {@code ./sentinel stop|start|restart|kill COMPONENT} reaches the running stack: a small HTTP server on loopback
 * whose port and token are written to {@code run/control} (readable by its owner only).
 * <ul>
 *   <li>{@code GET /components}: every component's state, one per line;</li>
 *   <li>{@code POST /components/NAME/ACTION}: {@link LocalStack#control}; answers once it is done.</li>
 * </ul>
 * Every request carries the token in {@code X-Sentinel-Control}.
 */
final class StackControl implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Sentinel-Control";

    private final HttpServer server;

    private StackControl(HttpServer server) {
        this.server = server;
    }

    static StackControl start(LocalStack stack, Path controlFile) throws IOException {
        String token = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "sentinel-control");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/components", exchange -> {
            try (exchange) {
                answer(exchange, stack, token);
            }
        });
        server.start();
        Files.deleteIfExists(controlFile);
        Files.createFile(controlFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(controlFile, server.getAddress().getPort() + " " + token + "\n");
        return new StackControl(server);
    }

    private static void answer(HttpExchange exchange, LocalStack stack, String token) throws IOException {
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            reply(exchange, 401, "the control token (run/control) is missing or wrong\n");
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        String method = exchange.getRequestMethod();
        try {
            if (path.length == 2 && method.equals("GET")) {
                reply(exchange, 200, stack.status());
            } else if (path.length == 4 && method.equals("POST")) {
                reply(exchange, 200, stack.control(path[2], path[3]) + "\n");
            } else {
                reply(exchange, 404, "GET /components or POST /components/NAME/ACTION\n");
            }
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "the stack is stopping\n");
        } catch (IOException | RuntimeException e) {
            reply(exchange, 500, e.getMessage() + "\n");
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
