package dev.churnsentinel.e2e;

import dev.churnsentinel.client.examples.RedCustomers;
import dev.churnsentinel.client.scoring.model.AtRisk;
import dev.churnsentinel.infra.LocalStack;
import dev.churnsentinel.infra.SchemaScan;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole flow, as a new user tries it: a customer and a piece of feedback pushed into ingestion come out
 * as a tier in scoring and a task with an e-mail for a named manager in intervention. The four services run
 * from their built jars, on real PostgreSQL, Kafka and SMTP, started the way {@code ./sentinel up} does.
 */
class FeedbackToTaskIT {
    static final String KEY = "k-e2e-" + UUID.randomUUID();
    static final String OTHER_TENANT_KEY = "k-acme-" + UUID.randomUUID();
    static final String OPS_KEY = "k-ops-" + UUID.randomUUID();
    static LocalStack stack;
    static Path home;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        home = Files.createTempDirectory("sentinel-e2e");
        stack = E2eStack.start(home, KEY + ":demo:ingest|read|manage|admin," + OTHER_TENANT_KEY + ":acme:ingest|read|manage|admin,"
                + OPS_KEY + ":ops:ingest|read|manage|admin");
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        E2eStack.stop(stack, home);
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
                t -> t.getList("items").size() == 1 && "sm-01".equals(t.getString("items[0].assignee.id")));
        Instant taskSeen = Instant.now();
        assertEquals("RESCUE", tasks.getString("items[0].kind"));
        assertEquals("OPEN", tasks.getString("items[0].status"));
        assertEquals("sm-01", tasks.getString("items[0].assignee.id"));
        assertEquals(Duration.ofHours(24), Duration.between(OffsetDateTime.parse(tasks.getString("items[0].createdAt")),
                OffsetDateTime.parse(tasks.getString("items[0].dueAt"))));

        String taskId = tasks.getString("items[0].id");
        // the manager is told (at once when their profile arrived first, else as soon as it does)
        JsonPath notifications = await("intervention-service", "/api/v1/notifications?taskId=" + taskId,
                n -> n.getList("items.status").contains("SENT"));
        int delivered = notifications.getList("items.status").indexOf("SENT");
        assertEquals("EMAIL", notifications.getString("items[" + delivered + "].channel"));
        assertEquals(managerEmail, notifications.getString("items[" + delivered + "].recipient"));
        MimeMessage mail = awaitMail(managerEmail);
        assertTrue(mail.getSubject().startsWith("[RED · RESCUE] 王女士 (" + customer + ")"), mail.getSubject());
        System.out.printf("feedback → RESCUE task seen after %d ms%n", Duration.between(sent, taskSeen).toMillis());

        // the e-mail's button opens the task in the console, signed in as the manager, with scoring's explanation
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("Open the task: (http://\\S+/console/tasks/\\S+)")
                .matcher(text(mail));
        assertTrue(link.find(), text(mail));
        String console = stack.url("intervention-service");
        assertTrue(link.group(1).startsWith(console + "/console/tasks/"), "the link names the console's own address: " + link.group(1));
        String opened = given().redirects().follow(false).when().get(link.group(1)).then().statusCode(200).extract().asString();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"t\" value=\"([^\"]+)\"").matcher(opened);
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("name=\"next\" value=\"([^\"]+)\"").matcher(opened);
        assertTrue(token.find() && next.find(), opened);
        io.restassured.response.Response signedIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("t", token.group(1)).formParam("next", next.group(1)).when().post(console + "/console/sign-in/link");
        assertEquals(303, signedIn.statusCode());
        String page = given().cookie("cs_session", signedIn.getCookie("cs_session")).header("Accept-Language", "en")
                .when().get(signedIn.header("Location"))
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("<mark title=\"CANCELLATION\">解约</mark>"), "the phrase marked at its offsets:\n" + page);
        assertTrue(page.contains("BEHAVIOUR") && !page.contains("Scoring cannot be read"), "the score read from scoring");
        // the customer's words reach the manager, never the services' logs (nothing above DEBUG logs customer text)
        for (String service : List.of("ingestion-service", "scoring-service", "intervention-service", "text-signal-service")) {
            String log = Files.readString(home.resolve("logs").resolve(service + ".log"));
            assertTrue(!log.contains("不想再续了"), service + " logged the customer's text");
        }
    }

    @Test
    void anErasedCustomerIsGoneFromEveryServiceWhileTheReportsKeepTheirTotals() throws Exception {
        String customer = "X-" + UUID.randomUUID();
        String name = "司马秀英";
        String email = "sima.xiuying." + customer.substring(2, 10) + "@example.com";
        String words = "我们下个月就解约，司马家的车以后不在你们这里修了";
        api("ingestion-service").body("""
                        {"name": "%s", "valueTier": "VIP", "annualValue": 8000,
                         "seniorManager": {"id": "sm-x", "name": "周总", "email": "zhou.x@example.com"},
                         "contacts": {"OWNER": {"id": "owner-x", "name": "%s", "email": "%s", "phone": "13800000000"}}}"""
                        .formatted(name, name, email))
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        api("ingestion-service").body(feedback(customer, words)).post("/api/v1/feedback").then().statusCode(202);
        await("scoring-service", "/api/v1/customers/" + customer + "/health", h -> "RED".equals(h.getString("tier")));
        String taskId = await("intervention-service", "/api/v1/tasks?customerId=" + customer,
                t -> t.getList("items").size() == 1).getString("items[0].id");
        api("intervention-service").body("{\"text\": \"给" + name + "打了电话，她说" + words + "\"}")
                .post("/api/v1/tasks/" + taskId + "/comments").then().statusCode(201);
        api("intervention-service").body("{\"outcome\": \"RETAINED\", \"note\": \"" + name + "同意续约\", \"cost\": 300}")
                .post("/api/v1/tasks/" + taskId + "/resolve").then().statusCode(200);
        assertTrue(!search(name, email, words).isEmpty(), "the scan finds the customer before the erasure");
        JsonPath reportBefore = api("intervention-service").get("/api/v1/reports/retention").then().statusCode(200)
                .extract().jsonPath();

        Instant asked = Instant.now();
        String erasureId = api("ingestion-service").delete("/api/v1/customers/" + customer).then().statusCode(202)
                .extract().jsonPath().getString("id");
        JsonPath erasure = await("ingestion-service", "/api/v1/erasures/" + erasureId,
                e -> "DONE".equals(e.getString("status")));
        System.out.printf("erasure DONE in every service after %d ms: %s%n", Duration.between(asked, Instant.now()).toMillis(),
                erasure.getList("services"));

        api("scoring-service").get("/api/v1/customers/" + customer + "/health").then().statusCode(404);
        api("intervention-service").get("/api/v1/tasks?customerId=" + customer).then().statusCode(200)
                .body("items.size()", equalTo(0));
        api("intervention-service").get("/api/v1/tasks/" + taskId).then().statusCode(200)
                .body("customerId", org.hamcrest.Matchers.startsWith("erased:"));
        JsonPath reportAfter = api("intervention-service").get("/api/v1/reports/retention").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(reportBefore.getList("tiers"), reportAfter.getList("tiers"), "the retention report's totals");
        assertEquals(reportBefore.getMap("exitReasons"), reportAfter.getMap("exitReasons"));
        // the outboxes hand their last messages to Kafka within a moment
        List<String> left = search(name, email, words);
        for (int i = 0; i < 50 && !left.isEmpty(); i++) {
            Thread.sleep(200);
            left = search(name, email, words);
        }
        assertEquals(List.of(), left, "what still holds the customer's words, name or e-mail");
    }

    /**
     * Every text, JSON and byte column of every table of the three services' schemas that holds any of {@code needles}.
     */
    private static List<String> search(String... needles) throws java.sql.SQLException {
        List<String> schemas = List.of("ingestion", "scoring", "intervention");
        try (var connection = java.sql.DriverManager.getConnection(stack.infrastructure().postgres().jdbcUrl(),
                dev.churnsentinel.infra.Postgres.USER, dev.churnsentinel.infra.Postgres.PASSWORD)) {
            int columns = SchemaScan.columns(connection, schemas, SchemaScan.TEXT_AND_BYTES);
            assertTrue(columns > 60, columns + " columns");
            return SchemaScan.holding(connection, schemas, SchemaScan.TEXT_AND_BYTES, List.of(needles)).stream()
                    .map(found -> found.schema() + ".\"" + found.table() + "\"." + found.column() + " holds " + found.needle())
                    .toList();
        }
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

    @Test
    void whatIsAcceptedWhileKafkaIsDownArrivesExactlyOnceWhenItIsBack() throws Exception {
        int customers = 8;
        List<String> ids = new java.util.ArrayList<>();
        stack.infrastructure().stopKafka();
        try {
            for (int i = 0; i < customers; i++) {
                String customer = "C-outage-" + i + "-" + UUID.randomUUID();
                ids.add(customer);
                api("ingestion-service").body("{\"name\": \"客户" + i + "\", \"seniorManager\": {\"id\": \"sm-" + i
                                + "\", \"name\": \"经理\", \"email\": \"sm-" + i + "@example.com\"}}")
                        .put("/api/v1/customers/" + customer).then().statusCode(201);
                String body = feedback(customer, "再也不来了，我要退款！");
                api("ingestion-service").body(body).post("/api/v1/feedback").then().statusCode(202);
                api("ingestion-service").body(body).post("/api/v1/feedback").then().statusCode(200); // a client retry
            }
            api("scoring-service").get("/api/v1/customers/" + ids.get(0) + "/health").then().statusCode(404);
        } finally {
            stack.infrastructure().startKafka();
        }
        for (String customer : ids) {
            String taskId = await("intervention-service", "/api/v1/tasks?customerId=" + customer,
                    t -> t.getList("items").size() == 1).getString("items[0].id");
            await("intervention-service", "/api/v1/notifications?taskId=" + taskId,
                    n -> n.getList("items.status").contains("SENT"));
        }
        Thread.sleep(3000); // a duplicate, if any were made, would show within this
        int tasks = 0;
        int sent = 0;
        for (String customer : ids) {
            JsonPath list = api("intervention-service").get("/api/v1/tasks?customerId=" + customer).then().extract().jsonPath();
            assertEquals(1, list.getInt("total"), "exactly one task for " + customer);
            assertEquals("RESCUE", list.getString("items[0].kind"));
            tasks += list.getInt("total");
            sent += (int) api("intervention-service").get("/api/v1/notifications?taskId=" + list.getString("items[0].id"))
                    .then().extract().jsonPath().getList("items.status").stream().filter("SENT"::equals).count();
        }
        assertEquals(customers, tasks);
        assertEquals(customers, sent, "one e-mail sent per task");
        System.out.printf("Kafka outage: %d customers x (profile + feedback + retry) accepted while down -> %d tasks, %d notifications%n",
                customers, tasks, sent);
    }

    /**
     * A rolling deploy of scoring in the middle of a bulk import: the polls it was applying when it stopped are
     * delivered again after it is back, none goes to the dead-letter topic, and every item is applied.
     */
    @Test
    void aScoringRestartInTheMiddleOfABulkImportSetsNothingAsideAndLosesNothing() throws Exception {
        int batches = 16;
        int size = 1000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long before = appliedByScoring();
        java.util.concurrent.CompletableFuture<Void> restarted = null;
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                int n = b * size + i;
                body.append(i == 0 ? "" : ",").append("""
                        {"externalId": "bulk-%s-%d", "customerId": "C-bulk-%s-%d", "channel": "SURVEY", \
                        "occurredAt": "%s", "satisfaction": %d}""".formatted(run, n, run, n % 400, OffsetDateTime.now(), 8 + n % 3));
            }
            api("ingestion-service").body(body.append(']').toString()).post("/api/v1/feedback/batch")
                    .then().statusCode(200).body("accepted", equalTo(size));
            boolean last = b == batches - 1;
            if (restarted == null && (last || appliedByScoring() - before >= 2 * size)) { // scoring is busy with it
                restarted = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        stack.restart("scoring-service");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        restarted.get(120, java.util.concurrent.TimeUnit.SECONDS);
        Instant deadline = Instant.now().plusSeconds(120);
        while (appliedByScoring() - before < (long) batches * size && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertEquals(0, deadLetteredBy("churnsentinel.ingest.v1.scoring-dlq", "demo/C-bulk-" + run + "-"),
                "records in flight at the restart are delivered again, not set aside");
        long applied = appliedByScoring() - before;
        assertTrue(applied >= (long) batches * size, "applied " + applied + " of " + batches * size);
        System.out.printf("scoring restarted mid-import: %d items accepted, %d records applied, none dead-lettered%n",
                batches * size, applied);
    }

    private static long appliedByScoring() throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(stack.infrastructure().postgres().jdbcUrl(),
                dev.churnsentinel.infra.Postgres.USER, dev.churnsentinel.infra.Postgres.PASSWORD);
             var rows = connection.createStatement().executeQuery("select count(*) from scoring.processed_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many records of the dead-letter topic have a key starting with {@code keyPrefix}. */
    private static long deadLetteredBy(String topic, String keyPrefix) {
        java.util.Map<String, Object> config = java.util.Map.of(
                "bootstrap.servers", stack.infrastructure().kafka().bootstrapServers(),
                "group.id", "e2e-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long found = 0;
            Instant deadline = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(keyPrefix)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    @Test
    void theJavaClientsExamplePagesThroughEveryRedCustomer() throws Exception {
        List<String> cancelling = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String customer = "SDK-" + UUID.randomUUID();
            cancelling.add(customer);
            api("ingestion-service").body(feedback(customer, "合同到期我们就解约，不想再续了。")).post("/api/v1/feedback")
                    .then().statusCode(202);
        }
        for (String customer : cancelling) {
            await("scoring-service", "/api/v1/customers/" + customer + "/health", h -> "RED".equals(h.getString("tier")));
        }
        // other tests' customers may still turn RED meanwhile: what was RED before is read, nothing twice, in order
        List<String> before = redCustomers();
        List<String> read = RedCustomers.all(URI.create(stack.url("scoring-service")), KEY, 2).stream()
                .map(AtRisk::getCustomerId).toList();
        List<String> after = redCustomers();
        assertTrue(read.containsAll(before) && read.containsAll(cancelling), "the client, two at a time, reads them all");
        assertEquals(after.stream().filter(read::contains).toList(), read, "once each, most urgent first");
    }

    @Test
    void anotherTenantCanNeitherReadNorChangeAnythingOfThisOne() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String profile = "{\"name\": \"赵女士\", \"seniorManager\": {\"id\": \"sm-07\", \"name\": \"孙总\", \"email\": \"sun@example.com\"}}";
        api("ingestion-service").body(profile).put("/api/v1/customers/" + customer).then().statusCode(201);
        api("ingestion-service").body(feedback(customer, "服务太差了，我要投诉到12315")).post("/api/v1/feedback").then().statusCode(202);
        String taskId = await("intervention-service", "/api/v1/tasks?customerId=" + customer,
                t -> t.getList("items").size() == 1).getString("items[0].id");

        // the other tenant's view of the same ids: nothing
        other("scoring-service").get("/api/v1/customers/" + customer + "/health").then().statusCode(404);
        other("scoring-service").get("/api/v1/customers/" + customer + "/health/history").then().statusCode(404);
        other("scoring-service").get("/api/v1/customers?limit=500").then().statusCode(200)
                .body("items.customerId", not(hasItem(customer)));
        other("intervention-service").get("/api/v1/tasks/" + taskId).then().statusCode(404);
        other("intervention-service").get("/api/v1/tasks?customerId=" + customer).then().body("total", equalTo(0));
        other("intervention-service").get("/api/v1/notifications?taskId=" + taskId).then().body("total", equalTo(0));
        // the same customer id under the other tenant is the other tenant's own customer
        other("ingestion-service").body("{\"name\": \"冒名\", \"seniorManager\": {\"id\": \"sm-x\", \"name\": \"X\", \"email\": \"x@example.com\"}}")
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        other("ingestion-service").body(feedback(customer, "合同到期我们就解约")).post("/api/v1/feedback").then().statusCode(202);
        JsonPath theirs = awaitAs(OTHER_TENANT_KEY, "intervention-service", "/api/v1/tasks?customerId=" + customer,
                t -> t.getList("items").size() == 1 && t.getString("items[0].assignee.id") != null);
        assertEquals("sm-x", theirs.getString("items[0].assignee.id"));
        JsonPath ours = api("intervention-service").get("/api/v1/tasks?customerId=" + customer).then().extract().jsonPath();
        assertEquals(1, ours.getInt("total"));
        assertEquals(taskId, ours.getString("items[0].id"));
        assertEquals("sm-07", ours.getString("items[0].assignee.id"), "the other tenant's profile changed nothing here");
    }

    /**
     * The alerts and dashboards that ship in k8s/monitoring read only what the services expose: a tenant's RED task
     * escalated (its acknowledge window shrunk to 40 s), a record no one can read dead-lettered, and then every metric
     * name of every rule and panel is on some service's /q/metrics (a renamed metric fails here, not on the pager).
     */
    @Test
    void everyMetricTheAlertsAndDashboardsReadIsExposedByTheServices() throws Exception {
        RequestSpecification ops = given().auth().oauth2(OPS_KEY).contentType("application/json");
        E2eStack.shortenRedWindows(stack.url("intervention-service"), OPS_KEY,
                Duration.ofSeconds(100), Duration.ofSeconds(40));
        String customer = "OPS-" + UUID.randomUUID();
        given().spec(ops).baseUri(stack.url("ingestion-service"))
                .body("{\"name\": \"钱先生\", \"seniorManager\": {\"id\": \"sm-09\", \"name\": \"吴总\", \"email\": \"wu@example.com\"}}")
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        given().spec(ops).baseUri(stack.url("ingestion-service")).body(feedback(customer, "合同到期我们就解约，不想再续了。"))
                .post("/api/v1/feedback").then().statusCode(202);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                java.util.Map.of("bootstrap.servers", stack.infrastructure().kafka().bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("churnsentinel.ingest.v1", "ops/unreadable",
                    "not protobuf".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }

        java.util.Set<String> used = MonitoredMetrics.used(Path.of("..", "k8s", "monitoring"));
        java.util.Set<String> missing = new java.util.TreeSet<>();
        Instant deadline = Instant.now().plusSeconds(120);
        do {
            Thread.sleep(1000);
            java.util.Set<String> exposed = new java.util.HashSet<>();
            for (String service : List.of("ingestion-service", "scoring-service", "intervention-service", "text-signal-service")) {
                given().baseUri(stack.url(service)).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .forEach(line -> exposed.add(line.split("[{ ]", 2)[0]));
            }
            missing.clear();
            used.stream().filter(name -> !exposed.contains(name) && !MonitoredMetrics.FROM_ELSEWHERE.contains(name))
                    .forEach(missing::add);
        } while (!missing.isEmpty() && Instant.now().isBefore(deadline));
        assertEquals(java.util.Set.of(), missing, "read by k8s/monitoring, exposed by no service");
        System.out.printf("monitoring: %d metric names, all exposed%n", used.size());
    }

    static RequestSpecification other(String service) {
        return given().baseUri(stack.url(service)).auth().oauth2(OTHER_TENANT_KEY).contentType("application/json");
    }

    static String feedback(String customer, String text) {
        return """
                {"externalId": "e2e-%s", "customerId": "%s", "channel": "SURVEY",
                 "occurredAt": "%s", "text": "%s"}""".formatted(UUID.randomUUID(), customer, OffsetDateTime.now(), text);
    }

    private static List<String> redCustomers() {
        return api("scoring-service").get("/api/v1/customers?tier=RED&limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items.customerId", String.class);
    }

    @Test
    void aKeyMadeThroughTheApiWorksInEveryServiceAndARevokedOneStopsWithinSeconds() throws Exception {
        JsonPath made = api("ingestion-service").body("{\"name\": \"bi-dashboard\", \"roles\": [\"read\"]}")
                .post("/api/v1/admin/keys").then().statusCode(201).extract().jsonPath();
        String key = made.getString("key");
        Map<String, String> readPaths = Map.of("scoring-service", "/api/v1/customers?limit=1",
                "intervention-service", "/api/v1/tasks?limit=1");
        for (Map.Entry<String, String> read : readPaths.entrySet()) {
            given().baseUri(stack.url(read.getKey())).auth().oauth2(key).when().get(read.getValue())
                    .then().statusCode(200);
        }
        given().baseUri(stack.url("text-signal-service")).auth().oauth2(key).contentType("application/json")
                .body("{\"text\": \"价格太贵了\"}").when().post("/api/v1/analyze").then().statusCode(200);
        // a read key may not write, wherever it is used
        given().baseUri(stack.url("intervention-service")).auth().oauth2(key).contentType("application/json")
                .body("{}").when().put("/api/v1/playbooks").then().statusCode(403);

        Instant revoked = Instant.now();
        api("ingestion-service").delete("/api/v1/admin/keys/" + made.getString("id")).then().statusCode(200);
        for (Map.Entry<String, String> read : readPaths.entrySet()) {
            while (given().baseUri(stack.url(read.getKey())).auth().oauth2(key).when().get(read.getValue()).statusCode() != 401) {
                assertTrue(Duration.between(revoked, Instant.now()).compareTo(Duration.ofSeconds(7)) < 0,
                        read.getKey() + " still takes the revoked key");
                Thread.sleep(200);
            }
        }
        System.out.printf("a revoked key refused everywhere after %d ms%n", Duration.between(revoked, Instant.now()).toMillis());
    }

    static RequestSpecification api(String service) {
        return given().baseUri(stack.url(service)).auth().oauth2(KEY).contentType("application/json");
    }

    static JsonPath await(String service, String path, Predicate<JsonPath> until) throws InterruptedException {
        return awaitAs(KEY, service, path, until);
    }

    /** The first e-mail to {@code recipient} the stack's mail log has seen (it takes them from the SMTP server). */
    static MimeMessage awaitMail(String recipient) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var mail = stack.recentMail().stream().filter(m -> recipient(m).equals(recipient)).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no e-mail to " + recipient + " in the mail log");
    }

    /** Polls a GET, with the given key, until its JSON satisfies {@code until} (60 s at most). */
    static JsonPath awaitAs(String key, String service, String path, Predicate<JsonPath> until) throws InterruptedException {
        return E2eStack.await(stack, key, service, path, until);
    }

    /** The plain-text part of an e-mail. */
    static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text part");
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
