package dev.churnsentinel.intervention.notify;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real HTTP receivers on loopback that answer as the chat robots do (one as a robot that refuses every message), and
 * one that is always down; configured as the webhooks of tenant {@code hooks}. Every request is kept for the tests to read.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {
    public record Received(String path, String query, Map<String, List<String>> headers, String body) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** Where the receivers listen: {@code http://127.0.0.1:PORT}. */
    public static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(new Received(path, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
                String answer = switch (path) {
                    case "/dingtalk" -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
                    case "/dingtalk-refuses" -> "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}";
                    case "/wecom" -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
                    case "/feishu" -> "{\"code\":0,\"msg\":\"success\"}";
                    case "/slack" -> "ok";
                    default -> "";
                };
                int status = path.equals("/broken") ? 500 : path.equals("/generic") ? 204 : 200;
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
                if (status != 204) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.start();
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String prefix = "sentinel.intervention.webhooks.hooks.";
        return Map.ofEntries(
                Map.entry(prefix + "ding.url", base + "/dingtalk?access_token=t-1"),
                Map.entry(prefix + "ding.format", "DINGTALK"),
                Map.entry(prefix + "ding.secret", "SEC-test"),
                Map.entry(prefix + "wecom.url", base + "/wecom?key=k-1"),
                Map.entry(prefix + "wecom.format", "WECOM"),
                Map.entry(prefix + "feishu.url", base + "/feishu"),
                Map.entry(prefix + "feishu.format", "FEISHU"),
                Map.entry(prefix + "feishu.secret", "feishu-test"),
                Map.entry(prefix + "slack.url", base + "/slack"),
                Map.entry(prefix + "slack.format", "SLACK"),
                Map.entry(prefix + "crm.url", base + "/generic"),
                Map.entry(prefix + "crm.secret", "crm-test"),
                Map.entry(prefix + "broken.url", base + "/broken"),
                Map.entry(prefix + "broken.tiers", "RED"));
    }

    @Override
    public void stop() {
        // shared by every test class of the module; the JVM's end stops it
    }
}
