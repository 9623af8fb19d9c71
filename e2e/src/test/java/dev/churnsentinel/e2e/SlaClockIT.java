package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.ServiceProcess;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SLA clock as operators run it: two replicas of intervention-service on one database. Windows that pass
 * while every replica is down fire once when they come back; windows that pass while both run fire once, not
 * once per replica. The service runs from its built jar; windows are shrunk through the playbook API.
 */
class SlaClockIT {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final String KEY = "k-sla-" + UUID.randomUUID();
    static final int TASKS = 8;
    static Path home;
    static Infrastructure infra;
    final List<ServiceProcess> replicas = new ArrayList<>();
    Path logs;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        home = Files.createTempDirectory("sla-clock-infra");
        infra = Infrastructure.start(home, Infrastructure.Ports.free());
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (infra != null) {
            infra.close();
        }
        Infrastructure.deleteRecursively(home);
    }

    @AfterEach
    void stopReplicas() throws Exception {
        for (ServiceProcess replica : replicas) {
            replica.kill(); // the test is done with them: no graceful stop
        }
        if (logs != null) {
            E2eStack.keepLogs(logs);
            Infrastructure.deleteRecursively(logs);
        }
    }

    @Test
    void aWindowThatPassesWhileEveryReplicaIsDownFiresOnceAfterwardsAndTwoReplicasNeverFireTwice() throws Exception {
        logs = Files.createTempDirectory("sla-clock");
        Duration started = startReplicas(2);
        // windows at this machine's pace, as that start showed it: the tasks arrive and both replicas stop (a stop
        // takes less than a start) before anyone is due to acknowledge; started again after that, both run before the
        // tasks are due
        Duration acknowledgeWithin = Duration.ofSeconds(15).plus(started).truncatedTo(ChronoUnit.SECONDS);
        Duration due = acknowledgeWithin.plusSeconds(12).plus(started.multipliedBy(2)).truncatedTo(ChronoUnit.SECONDS);
        E2eStack.shortenRedWindows(replicas.get(0).url(), KEY, due, acknowledgeWithin);
        System.out.printf("replicas started in %d ms: RED tasks to acknowledge within %d s, due in %d s%n",
                started.toMillis(), acknowledgeWithin.toSeconds(), due.toSeconds());

        List<String> customers = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", infra.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < TASKS; i++) {
                String customer = "C-" + UUID.randomUUID();
                customers.add(customer);
                producer.send(new ProducerRecord<>("churnsentinel.tier-changes.v1", "sla/" + customer, TierChanged.newBuilder()
                        .setId(UUID.randomUUID().toString()).setTenant("sla").setCustomerId(customer).setTier(Tier.RED)
                        .setRiskScore(95).setStage("DECIDED").setChangedAt(OffsetDateTime.now().toString())
                        .addEvidence("…我们决定解约…").build().toByteArray())).get();
            }
        }
        JsonPath open = await(() -> api().get("/api/v1/tasks?status=OPEN&limit=500").then().statusCode(200).extract().jsonPath(),
                list -> list.getList("items.customerId").containsAll(customers), "the tasks");
        Instant acknowledgeBy = OffsetDateTime.parse(open.getString("items.find { it.customerId == '" + customers.get(0)
                + "' }.acknowledgeBy")).toInstant();
        Instant dueAt = OffsetDateTime.parse(open.getString("items.find { it.customerId == '" + customers.get(0)
                + "' }.dueAt")).toInstant();

        // every replica goes down before anyone was due to acknowledge, and comes back after
        replicas.parallelStream().forEach(ServiceProcess::close);
        replicas.clear();
        assertEquals(true, Instant.now().isBefore(acknowledgeBy), "the replicas stopped before the window closed");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), acknowledgeBy).toMillis()) + 2000);
        Instant restarted = Instant.now();
        startReplicas(2);
        assertEquals(true, Instant.now().isBefore(dueAt), "both replicas run again before the task is due");

        Map<String, String> ids = new HashMap<>();
        for (String customer : customers) {
            ids.put(customer, api().get("/api/v1/tasks?customerId=" + customer).then().extract().jsonPath().getString("items[0].id"));
        }
        for (String customer : customers) {
            await(() -> history(ids.get(customer)), h -> escalations(h) == 1, "level 1 of " + customer);
        }
        System.out.printf("windows missed while down: all %d escalated %d ms after the replicas were started again%n",
                TASKS, Duration.between(restarted, Instant.now()).toMillis());
        // the due window passes while both replicas run: once more each, not twice
        for (String customer : customers) {
            await(() -> history(ids.get(customer)), h -> escalations(h) == 2, "level 2 of " + customer,
                    dueAt.plusSeconds(60));
        }
        Thread.sleep(2000);
        for (String customer : customers) {
            String id = ids.get(customer);
            assertEquals(2, escalations(history(id)), customer);
            JsonPath notifications = api().get("/api/v1/notifications?taskId=" + id).then().extract().jsonPath();
            assertEquals(2, notifications.getList("items.findAll { it.event == 'TASK_ESCALATED' }").size(), notifications.prettify());
            assertEquals(List.of(1, 2), history(id).getList("items.findAll { it.type == 'ESCALATED' }.detail.level"));
        }
    }

    /** Starts {@code count} replicas together; returns how long until all were ready. */
    private Duration startReplicas(int count) throws Exception {
        Instant began = Instant.now();
        Map<String, String> config = new HashMap<>(infra.serviceConfig());
        config.put("quarkus.profile", "local");
        config.put("sentinel.api-keys", KEY + ":sla:read|manage");
        config.put("sentinel.intervention.escalation-interval", "300ms");
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dsentinel.intervention.default-contacts.sla.SENIOR_MANAGER.id=sm-01",
                "-Dsentinel.intervention.default-contacts.sla.SENIOR_MANAGER.email=zhou@sla.example.com",
                "-Dsentinel.intervention.default-contacts.sla.REGIONAL_DIRECTOR.id=rd-01",
                "-Dsentinel.intervention.default-contacts.sla.REGIONAL_DIRECTOR.email=chen@sla.example.com");
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(ServiceProcess.start(REPOSITORY, "intervention-service", Infrastructure.freePort(), config, jvm,
                    logs.resolve("intervention-" + replicas.size() + "-" + i + "-" + System.nanoTime() + ".log")));
        }
        replicas.addAll(started);
        try {
            ServiceProcess.awaitReady(started, Duration.ofSeconds(90));
        } catch (java.io.IOException e) {
            StringBuilder tails = new StringBuilder(e.getMessage());
            try (var files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    List<String> lines = Files.readAllLines(log);
                    tails.append("\n--- ").append(log.getFileName()).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                }
            }
            throw new AssertionError(tails.toString(), e);
        }
        return Duration.between(began, Instant.now());
    }

    private io.restassured.specification.RequestSpecification api() {
        return given().baseUri(replicas.get(0).url()).auth().oauth2(KEY);
    }

    private JsonPath history(String taskId) {
        return api().get("/api/v1/tasks/" + taskId + "/history").then().statusCode(200).extract().jsonPath();
    }

    private static int escalations(JsonPath history) {
        return history.getList("items.findAll { it.type == 'ESCALATED' }").size();
    }

    static <T> T await(java.util.function.Supplier<T> read, Predicate<T> until, String what) throws InterruptedException {
        return await(read, until, what, Instant.now().plusSeconds(60));
    }

    static <T> T await(java.util.function.Supplier<T> read, Predicate<T> until, String what, Instant deadline)
            throws InterruptedException {
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " never came; last: "
                + (last instanceof JsonPath json ? json.prettify() : String.valueOf(last)));
    }
}
