package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.LocalStack;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole flow, as a new user tries it: a customer and a piece of feedback pushed into ingestion come out
 * as a tier in scoring and a task with an e-mail for a named manager in intervention. The four services run
 * from their built jars, on real PostgreSQL, Kafka and SMTP, started the way {@code ./sentinel up} does.
 */
class FeedbackToTaskIT {
    static final String KEY = "k-e2e-" + UUID.randomUUID();
    static LocalStack stack;
    static Path home;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        home = Files.createTempDirectory("sentinel-e2e");
        List<LocalStack.Service> services = List.of(
                new LocalStack.Service("ingestion-service", Infrastructure.freePort()),
                new LocalStack.Service("scoring-service", Infrastructure.freePort()),
                new LocalStack.Service("intervention-service", Infrastructure.freePort()),
                new LocalStack.Service("text-signal-service", Infrastructure.freePort()));
        LocalStack.Options defaults = LocalStack.Options.defaults(home, Path.of("..").toAbsolutePath().normalize(),
                KEY + ":demo:ingest|read|manage|admin");
        stack = LocalStack.start(new LocalStack.Options(home, defaults.repository(), Infrastructure.Ports.free(),
                services, defaults.apiKeys(), defaults.jvmOptions(), defaults.readyTimeout()));
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        if (stack != null) {
            stack.close();
        }
        try (var paths = Files.walk(home)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void cancellationFeedbackBecomesARedRescueTaskForTheSeniorManagerWithAnEmail() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String managerEmail = "zhou+" + customer + "@example.com";
        api("ingestion-service").body("""
                        {"name": "王女士", "segment": "NEV owner", "valueTier": "VIP", "annualValue": 5000, "currency": "CNY",
                         "accountManager": {"id": "am-01", "name": "李明", "email": "li.ming@example.com"},
                         "seniorManager": {"id": "sm-01", "name": "周总", "email": "%s"}}""".formatted(managerEmail))
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        Instant sent = Instant.now();
        api("ingestion-service").body(feedback(customer, "合同到期我们就解约，不想再续了。"))
                .post("/api/v1/feedback").then().statusCode(202);

        JsonPath health = await("scoring-service", "/api/v1/customers/" + customer + "/health",
                h -> "RED".equals(h.getString("tier")));
        assertEquals("HIGH_RISK_KEYWORD", health.getString("overrides[0].rule"));
        assertEquals("CANCELLATION", health.getString("overrides[0].category"));
        assertTrue(health.getString("overrides[0].evidence").contains("解约"));

        JsonPath tasks = await("intervention-service", "/api/v1/tasks?customerId=" + customer,
                t -> t.getList("items").size() == 1);
        Instant taskSeen = Instant.now();
        assertEquals("RESCUE", tasks.getString("items[0].kind"));
        assertEquals("OPEN", tasks.getString("items[0].status"));
        assertEquals("sm-01", tasks.getString("items[0].assignee.id"));
        assertEquals(Duration.ofHours(24), Duration.between(OffsetDateTime.parse(tasks.getString("items[0].createdAt")),
                OffsetDateTime.parse(tasks.getString("items[0].dueAt"))));

        String taskId = tasks.getString("items[0].id");
        // the manager has been told by the time the task can be seen
        JsonPath notifications = api("intervention-service").get("/api/v1/notifications?taskId=" + taskId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("SENT", notifications.getString("items[0].status"));
        assertEquals("EMAIL", notifications.getString("items[0].channel"));
        assertEquals(managerEmail, notifications.getString("items[0].recipient"));
        MimeMessage mail = stack.infrastructure().mail().received().stream()
                .filter(m -> recipient(m).equals(managerEmail)).findFirst().orElseThrow();
        assertTrue(mail.getSubject().startsWith("[RED · RESCUE] 王女士 (" + customer + ")"), mail.getSubject());
        System.out.printf("feedback → RESCUE task seen after %d ms%n", Duration.between(sent, taskSeen).toMillis());
    }

    @Test
    void calmPraiseKeepsTheCustomerGreenAndCreatesNoTask() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        api("ingestion-service").body("""
                        {"name": "陈先生", "valueTier": "STANDARD",
                         "accountManager": {"id": "am-02", "name": "王芳", "email": "wang.fang@example.com"},
                         "seniorManager": {"id": "sm-02", "name": "刘总", "email": "liu@example.com"}}""")
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        api("ingestion-service").body(feedback(customer, "价格不贵，服务也挺周到的"))
                .post("/api/v1/feedback").then().statusCode(202);

        JsonPath health = await("scoring-service", "/api/v1/customers/" + customer + "/health",
                h -> h.getString("tier") != null);
        assertEquals("GREEN", health.getString("tier"));
        Thread.sleep(3000); // a task, if one were wrongly made, would show well within this
        JsonPath tasks = api("intervention-service").get("/api/v1/tasks?customerId=" + customer)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, tasks.getInt("total"));
    }

    static String feedback(String customer, String text) {
        return """
                {"externalId": "e2e-%s", "customerId": "%s", "channel": "SURVEY",
                 "occurredAt": "%s", "text": "%s"}""".formatted(UUID.randomUUID(), customer, OffsetDateTime.now(), text);
    }

    static RequestSpecification api(String service) {
        return given().baseUri(stack.url(service)).auth().oauth2(KEY).contentType("application/json");
    }

    /** Polls a GET until its JSON satisfies {@code until} (30 s at most). */
    static JsonPath await(String service, String path, Predicate<JsonPath> until) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            var response = api(service).get(path);
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200 && until.test(response.jsonPath())) {
                return response.jsonPath();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + path + " never matched; last answer: " + last);
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
