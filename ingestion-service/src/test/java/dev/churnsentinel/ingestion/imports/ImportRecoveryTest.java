package dev.churnsentinel.ingestion.imports;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports that were RUNNING when their replica stopped: resumed where the file is, failed where it is not. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ImportRecoveryTest {
    private static final Map<String, String> MAPPING = Map.of("customerId", "客户编号", "text", "内容",
            "occurredAt", "时间", "channel", "=SURVEY");

    @Inject
    Imports imports;
    @Inject
    ImportJobStore store;
    @Inject
    ImportsConfig config;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anImportLeftRunningIsResumedByTheReplicaWithItsFileAndFailedWhenNoneHasIt() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        byte[] csv = ("客户编号,内容,时间\n" + customer + ",师傅很专业,2026-03-01 10:00\n"
                + customer + ",等了两个小时,2026-03-02 10:00\n").getBytes(StandardCharsets.UTF_8);
        // as the replica left them when it stopped: RUNNING, silent since, one with its file here and one without
        UUID resumable = UUID.randomUUID();
        Path file = Path.of(config.directory(), resumable.toString());
        Files.createDirectories(file.getParent());
        Files.write(file, csv);
        running(resumable, Imports.fileKey(file), 2);
        UUID orphan = UUID.randomUUID();
        running(orphan, "0123456789abcdef", 20);

        imports.watch();

        JsonPath resumed = awaitDone(resumable);
        assertEquals("SUCCEEDED", resumed.getString("status"), resumed.prettify());
        assertEquals(List.of(2, 2, 0), List.of(resumed.getInt("rowsRead"), resumed.getInt("accepted"), resumed.getInt("duplicates")));
        assertTrue(!Files.exists(file), "the file goes when its import ends");
        JsonPath failed = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + orphan)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").startsWith("stopped when the replica running it did"), failed.getString("error"));
    }

    /** Stores a RUNNING import of tenant demo whose replica last beat {@code silentMinutes} ago. */
    private void running(UUID id, String fileKey, int silentMinutes) throws Exception {
        OffsetDateTime started = OffsetDateTime.now().minusMinutes(silentMinutes + 1);
        ImportJob job = new ImportJob(id, "feedback", "RUNNING", "反馈.csv", "CSV", List.of("客户编号", "内容", "时间"),
                MAPPING, false, List.of(), "Asia/Shanghai", 1, 1, 0, 0, 0.5, null, started, started, null);
        store.create("demo", job, fileKey).await().indefinitely();
        try (var c = dataSource.getConnection(); var update = c.prepareStatement(
                "update import_job set heartbeat_at = now() - make_interval(mins => ?) where id = ?")) {
            update.setInt(1, silentMinutes);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private static JsonPath awaitDone(UUID id) throws InterruptedException {
        JsonPath job = null;
        for (int i = 0; i < 200; i++) {
            job = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (!job.getString("status").equals("RUNNING")) {
                return job;
            }
            Thread.sleep(100);
        }
        return job;
    }
}
