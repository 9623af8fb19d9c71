package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body over {@code sentinel.http.max-body-size} (2 MiB in the tests, 32 MiB otherwise) is refused with a 413
 * problem+json naming the limit, before it is read — also to a client that waits for {@code 100 Continue}.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class BodyLimitTest {
    @TestHTTPResource("/api/v1/feedback/batch")
    URI batch;

    /** A syntactically valid batch of {@code items} feedback items with long texts. */
    static String batchOf(int items, int textLength) {
        StringBuilder body = new StringBuilder("[");
        String text = "服务太差".repeat(textLength / 4);
        for (int i = 0; i < items; i++) {
            body.append(i == 0 ? "" : ",").append("{\"externalId\": \"big-").append(i)
                    .append("\", \"customerId\": \"C-big\", \"channel\": \"CHAT\", \"occurredAt\": \"2026-11-01T10:00:00+08:00\", \"text\": \"")
                    .append(text).append("\"}");
        }
        return body.append("]").toString();
    }

    @Test
    void anOversizedBodyIsRefusedWithAProblemNamingTheLimit() {
        String body = batchOf(100, 8_000); // about 2.4 MB of UTF-8
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/feedback/batch")
                .then().statusCode(413)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(413))
                .body("detail", containsString("at most 2097152 bytes"));
        // nothing of it was kept: its first item is new when sent again on its own
        given().auth().oauth2("k-ingest").contentType("application/json").body(batchOf(1, 100))
                .when().post("/api/v1/feedback/batch")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
    }

    /**
     * Over a plain socket: JDK 17's HttpClient itself hangs when a server answers {@code Expect: 100-continue} with
     * a final status (JDK-8286171); curl and browsers do not.
     */
    @Test
    void aClientWaitingFor100ContinueGetsThe413WithoutSendingTheBody() throws Exception {
        try (Socket socket = new Socket(batch.getHost(), batch.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + batch.getPath() + " HTTP/1.1\r\nHost: " + batch.getHost() + ":" + batch.getPort()
                    + "\r\nAuthorization: Bearer k-ingest\r\nContent-Type: application/json\r\nContent-Length: 3000000"
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", in.readLine());
            StringBuilder headers = new StringBuilder();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.append(line.toLowerCase()).append('\n');
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            assertTrue(headers.toString().contains("content-type: application/problem+json"), headers.toString());
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String problem = new String(body, 0, read);
            assertTrue(problem.contains("at most 2097152 bytes"), problem);
        }
    }
}
