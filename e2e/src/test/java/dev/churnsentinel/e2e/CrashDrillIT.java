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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash drills on the whole system, as an operator runs them with {@code ./sentinel kill|stop|start|restart}: during a
 * burst of red feedback, scoring is killed (SIGKILL), then intervention, then Kafka is stopped for a while, then
 * PostgreSQL. After each, every feedback the API accepted ends as exactly one task and one e-mail to its
 * manager: nothing lost, nothing twice. The test prints a row per fault with how long the system took to catch up.
 */
class CrashDrillIT {
    static final String KEY = "k-drill-" + UUID.randomUUID();
    static final int CUSTOMERS = 30;
    static final Duration SPACING = Duration.ofMillis(100);
    static LocalStack stack;
    static Path home;

    /**
     * A killed service's consumers never leave their groups: Kafka moves their partitions to the restarted ones once
     * their sessions expire. The drill gives them 15 s sessions (the client's default is 45 s; a heartbeat every 5 s):
     * long enough that the consumers, back to their coordinator some 7 s after Kafka's restart, keep their groups
     * through the Kafka outage as they would with the default.
     */
    static final Map<String, String> KAFKA_SESSIONS = Map.of(
            "kafka.session.timeout.ms", "15000", "kafka.heartbeat.interval.ms", "5000");

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        home = Files.createTempDirectory("sentinel-drill");
        stack = E2eStack.start(home, KEY + ":demo:ingest|read|manage|admin", Infrastructure.Ports.free(), KAFKA_SESSIONS);
    }

    @AfterAll
    static void stop() throws Exception {
        E2eStack.stop(stack, home);
    }

    /**
     * A fault and what ends it: for a killed service, the supervisor's restart; otherwise the step itself. {@code
     * mayResend}: the e-mails it may send twice. Only a killed intervention may: sending and recording are two steps,
     * and what it had sent but not yet recorded (the batch it was sending) is due again when it is back.
     */
    record Fault(String name, String component, int mayResend, Step inject) {
    }

    /**
     * In this drill's trickle of feedback a dispatcher batch holds a few e-mails; allowed: as many as it sends at once
     * (sentinel.intervention.send-concurrency).
     */
    private static final int SENDS_IN_FLIGHT = 8;

    interface Step {
        void run() throws Exception;
    }

    /** A drill's customers, their tasks, and what the drill saw until the last task's e-mail was sent. */
    record Drilled(Fault fault, List<String> customers, int accepted, Map<String, String> taskByCustomer, Duration down,
                   Duration caughtUp, Map<String, Integer> refused) {
    }

    /** What one drill saw. */
    record Row(String fault, int accepted, int tasks, int sent, int duplicateTasks, int duplicateEmails, Duration down,
               Duration caughtUp, Map<String, Integer> refused) {
    }

    @Test
    void everyAcceptedFeedbackBecomesOneTaskAndOneEmailThroughEachFault() throws Exception {
        List<Fault> faults = List.of(
                new Fault("kill -9 scoring", "scoring-service", 0, () -> stack.control("scoring", "kill")),
                new Fault("kill -9 intervention", "intervention-service", SENDS_IN_FLIGHT, () -> stack.control("intervention", "kill")),
                new Fault("Kafka stopped 15 s", null, 0, () -> {
                    stack.control("kafka", "stop");
                    Thread.sleep(15_000);
                    stack.control("kafka", "start");
                }),
                new Fault("PostgreSQL stopped 15 s", null, 0, () -> {
                    stack.control("postgres", "stop");
                    Thread.sleep(15_000);
                    stack.control("postgres", "start");
                }));
        List<Drilled> drills = new ArrayList<>();
        for (Fault fault : faults) {
            drills.add(drill(fault));
        }
        Thread.sleep(3000); // a duplicate, if one were made, shows within this (an earlier drill's had the drills after it)
        List<Row> rows = new ArrayList<>();
        for (Drilled drilled : drills) {
            rows.add(count(drilled));
        }
        System.out.println();
        System.out.println("| fault | feedback accepted | tasks | e-mails sent | duplicate tasks | duplicate e-mails | service back after | all caught up after | tries refused |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %s | %d | %d | %d | %d | %d | %s | %s | %s |%n", row.fault(), row.accepted(), row.tasks(),
                    row.sent(), row.duplicateTasks(), row.duplicateEmails(),
                    row.down() == null ? "-" : seconds(row.down()), seconds(row.caughtUp()), row.refused());
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertEquals(row.accepted(), row.tasks(), row.fault() + ": one task per accepted feedback");
            assertEquals(row.accepted(), row.sent(), row.fault() + ": one e-mail sent per task");
            assertEquals(0, row.duplicateTasks(), row.fault() + ": no task twice");
            assertTrue(row.refused().keySet().stream().allMatch(answer -> answer.startsWith("503 ") || answer.equals("no answer")),
                    row.fault() + ": a try the API did not take was refused as 503 with Retry-After, or not answered: " + row.refused());
            assertTrue(row.duplicateEmails() <= faults.get(i).mayResend(), row.fault() + ": " + row.duplicateEmails()
                    + " notifications e-mailed twice, at most " + faults.get(i).mayResend() + " may be");
        }
    }

    private Drilled drill(Fault fault) throws Exception {
        Instant began = Instant.now();
        String run = fault.name().replaceAll("[^a-zA-Z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "D-" + run + "-" + i;
            customers.add(customer);
            api("ingestion-service").body("{\"name\": \"客户" + i + "\", \"seniorManager\": {\"id\": \"sm-" + customer
                            + "\", \"name\": \"经理\", \"email\": \"" + manager(customer) + "\"}}")
                    .put("/api/v1/customers/" + customer).then().statusCode(201);
        }
        // the burst: one red feedback per customer, a client that retries what was not accepted with the same externalId
        Map<String, Integer> refused = new java.util.concurrent.ConcurrentSkipListMap<>();
        CompletableFuture<Integer> burst = CompletableFuture.supplyAsync(() -> {
            int accepted = 0;
            for (String customer : customers) {
                if (sendUntilAccepted(customer, Duration.ofSeconds(120), refused)) {
                    accepted++;
                }
                sleep(SPACING);
            }
            return accepted;
        });
        sleep(SPACING.multipliedBy(CUSTOMERS / 3));
        Instant injected = Instant.now();
        fault.inject().run();
        Duration down = fault.component() == null ? Duration.between(injected, Instant.now())
                : awaitReady(fault.component(), injected);
        int accepted = burst.get(180, TimeUnit.SECONDS);

        Map<String, String> taskByCustomer = awaitTasks(customers, began, Duration.ofSeconds(180));
        Instant caughtUp = awaitSent(taskByCustomer.values(), Duration.ofSeconds(180));
        return new Drilled(fault, customers, accepted, taskByCustomer, down, Duration.between(injected, caughtUp), refused);
    }

    /** Tasks and e-mails of a drill's customers, as they are now. */
    private static Row count(Drilled drilled) {
        int tasks = 0;
        int duplicateTasks = 0;
        int sent = 0;
        for (String customer : drilled.customers()) {
            int total = api("intervention-service").get("/api/v1/tasks?customerId=" + customer).then().statusCode(200)
                    .extract().jsonPath().getInt("total");
            tasks += Math.min(total, 1);
            duplicateTasks += Math.max(total - 1, 0);
        }
        for (String task : drilled.taskByCustomer().values()) {
            sent += (int) api("intervention-service").get("/api/v1/notifications?taskId=" + task).then().statusCode(200)
                    .extract().jsonPath().getList("items.status").stream().filter("SENT"::equals).count();
        }
        return new Row(drilled.fault().name(), drilled.accepted(), tasks, sent, duplicateTasks,
                duplicateEmails(drilled.customers()), drilled.down(), drilled.caughtUp(), drilled.refused());
    }

    /**
     * Sends a customer's feedback until the API takes it; counts each try it did not take in {@code refused}, by status
     * and Retry-After ({@code "503 Retry-After 5"}) or {@code "no answer"}.
     */
    private static boolean sendUntilAccepted(String customer, Duration patience, Map<String, Integer> refused) {
        String body = """
                {"externalId": "drill-%s", "customerId": "%s", "channel": "SURVEY", "occurredAt": "%s",
                 "text": "价格太贵了，服务也差，我们下个月解约。"}""".formatted(customer, customer, OffsetDateTime.now());
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = api("ingestion-service").body(body).post("/api/v1/feedback");
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    return true;
                }
                refused.merge(response.statusCode() + " Retry-After " + response.header("Retry-After"), 1, Integer::sum);
            } catch (Exception unreachable) { // RestAssured throws even checked ConnectException as it is
                refused.merge("no answer", 1, Integer::sum); // the service is away: try again, as a client does
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    /** Waits until the killed service is ready again; returns how long after the fault. */
    private static Duration awaitReady(String service, Instant since) throws InterruptedException {
        Instant deadline = since.plusSeconds(180);
        Thread.sleep(500); // the process is gone; its port answers again only once restarted
        while (Instant.now().isBefore(deadline)) {
            try {
                if (given().baseUri(stack.url(service)).get("/q/health/ready").statusCode() == 200) {
                    return Duration.between(since, Instant.now());
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + " was not ready again within 180 s of the fault");
    }

    /** Each customer's task among those created since {@code since}, once every customer has one (or patience ends). */
    private static Map<String, String> awaitTasks(List<String> customers, Instant since, Duration patience)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        Map<String, String> tasks = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            JsonPath page = api("intervention-service").queryParam("createdSince", since.toString())
                    .get("/api/v1/tasks?limit=500").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            List<String> of = page.getList("items.customerId");
            for (int i = 0; i < ids.size(); i++) {
                if (customers.contains(of.get(i))) {
                    tasks.putIfAbsent(of.get(i), ids.get(i));
                }
            }
            if (tasks.size() == customers.size()) {
                return tasks;
            }
            Thread.sleep(500);
        }
        return tasks; // the assertions say which are missing
    }

    /** Waits until each task's e-mail is sent; returns when the last one was seen sent. */
    private static Instant awaitSent(Iterable<String> tasks, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        for (String task : tasks) {
            while (Instant.now().isBefore(deadline) && !api("intervention-service").get("/api/v1/notifications?taskId=" + task)
                    .then().statusCode(200).extract().jsonPath().getList("items.status").contains("SENT")) {
                Thread.sleep(250);
            }
        }
        return Instant.now();
    }

    /** E-mails to these customers' managers beyond one per notification, as the SMTP server received them. */
    private static int duplicateEmails(List<String> customers) {
        Set<String> managers = new HashSet<>();
        customers.forEach(c -> managers.add(manager(c)));
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (MimeMessage mail : stack.recentMail()) {
            try {
                String to = mail.getAllRecipients()[0].toString();
                String[] notification = mail.getHeader("X-Sentinel-Notification");
                if (managers.contains(to) && !seen.add(notification == null ? to : notification[0])) {
                    duplicates++;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return duplicates;
    }

    private static String manager(String customer) {
        return "sm+" + customer + "@example.com";
    }

    private static RequestSpecification api(String service) {
        return given().baseUri(stack.url(service)).auth().oauth2(KEY).contentType("application/json");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
