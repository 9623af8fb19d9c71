package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ImportApiTest {

    @Test
    void aCsvFileWithAMappingIsImportedAndItsRejectedRowsComeBackWithTheirErrors() {
        String customer = "C-" + UUID.randomUUID();
        byte[] csv = ("客户编号,内容,时间,满意度\n"
                + customer + ",师傅很专业,2026-03-01 10:00,9\n"
                + customer + ",\"空调有异味, 没修好\",2026-03-02 11:30,3\n"
                + customer + ",服务一般,2026-03-03 09:00,11\n"
                + ",,,\n"
                + customer + ",还行,昨天,\n").getBytes(StandardCharsets.UTF_8);
        String mapping = "{\"customerId\": \"客户编号\", \"text\": \"内容\", \"occurredAt\": \"时间\", "
                + "\"satisfaction\": \"满意度\", \"channel\": \"=SURVEY\"}";

        String id = upload(csv, "反馈.csv", "feedback", mapping).then().statusCode(202)
                .body("status", equalTo("RUNNING")).body("guessed", equalTo(false)).extract().path("id");
        JsonPath done = awaitDone(id);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(List.of(4, 2, 0, 2), List.of(done.getInt("rowsRead"), done.getInt("accepted"),
                done.getInt("duplicates"), done.getInt("rejected")));
        assertEquals(1.0f, done.getFloat("progress"));

        List<IngestRecord> records = IngestionApiTest.recordsFor("demo/" + customer, 2);
        assertEquals(Set.of("师傅很专业", "空调有异味, 没修好"), records.stream().map(r -> r.getFeedback().getText()).collect(Collectors.toSet()));
        assertTrue(records.stream().anyMatch(r -> r.getFeedback().getOccurredAt().equals("2026-03-01T02:00Z")));

        byte[] rejected = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id + "/rejected")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asByteArray();
        assertEquals("\uFEFFrow,客户编号,内容,时间,满意度,errors\r\n"
                + "4," + customer + ",服务一般,2026-03-03 09:00,11,satisfaction: must be less than or equal to 10\r\n"
                + "6," + customer + ",还行,昨天,,\"occurredAt: must be an ISO-8601 timestamp with offset, e.g. 2026-03-01T10:00:00+08:00\"\r\n",
                new String(rejected, StandardCharsets.UTF_8));

        String again = upload(csv, "反馈.csv", "feedback", mapping).then().statusCode(202).extract().path("id");
        JsonPath twice = awaitDone(again);
        assertEquals(List.of(4, 0, 2, 2), List.of(twice.getInt("rowsRead"), twice.getInt("accepted"),
                twice.getInt("duplicates"), twice.getInt("rejected")));
    }

    @Test
    void anXlsxWorkbookWithChineseHeadersIsGuessedShownAndImportedOnceConfirmed() throws IOException {
        String customer = "C-" + UUID.randomUUID();
        byte[] xlsx = workbook(List.of("客户编号", "渠道", "内容", "时间", "推荐度", "门店"), List.of(
                List.of(customer, "SURVEY", "合同到期我们就解约", LocalDateTime.of(2026, 3, 1, 10, 0), 2.0, "北京店"),
                List.of(customer, "TICKET", "师傅很专业", LocalDateTime.of(2026, 3, 2, 15, 30), 10.0, "北京店")));

        String id = upload(xlsx, "surveys.xlsx", "feedback", null).then().statusCode(201)
                .body("status", equalTo("AWAITING_CONFIRMATION")).body("format", equalTo("XLSX"))
                .body("guessed", equalTo(true))
                .body("mapping", equalTo(Map.of("customerId", "客户编号", "channel", "渠道", "text", "内容",
                        "occurredAt", "时间", "nps", "推荐度")))
                .body("unmappedColumns", equalTo(List.of("门店")))
                .extract().path("id");
        given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id).then().statusCode(200)
                .body("status", equalTo("AWAITING_CONFIRMATION")).body("rowsRead", equalTo(0));

        given().auth().oauth2("k-ingest").contentType("application/json").when().post("/api/v1/imports/" + id + "/confirm")
                .then().statusCode(202).body("status", equalTo("RUNNING"));
        JsonPath done = awaitDone(id);
        assertEquals(List.of(2, 2, 0), List.of(done.getInt("rowsRead"), done.getInt("accepted"), done.getInt("rejected")));
        List<IngestRecord> records = IngestionApiTest.recordsFor("demo/" + customer, 2);
        // date cells, in the import's time zone (Asia/Shanghai), as the API keeps every time: in UTC
        assertEquals(Set.of("2026-03-01T02:00Z", "2026-03-02T07:30Z"),
                records.stream().map(r -> r.getFeedback().getOccurredAt()).collect(Collectors.toSet()));
        assertEquals(Set.of(2, 10), records.stream().map(r -> r.getFeedback().getNps()).collect(Collectors.toSet()));

        given().auth().oauth2("k-ingest").contentType("application/json").when().post("/api/v1/imports/" + id + "/confirm")
                .then().statusCode(409);
    }

    @Test
    void englishHeadersOfEventsAreGuessedAndACorrectedMappingIsTakenOnConfirmation() {
        String customer = "C-" + UUID.randomUUID();
        byte[] csv = ("Visit No,Customer ID,Event Type,Date,Amount,Paid\n"
                + "v-" + customer + "-1," + customer + ",SERVICE_VISIT,2026-02-20 09:30,680,700\n"
                + "v-" + customer + "-2," + customer + ",PURCHASE,2026-02-21,1200,1250\n").getBytes(StandardCharsets.UTF_8);
        String id = upload(csv, "visits.csv", "events", null).then().statusCode(201)
                .body("mapping", equalTo(Map.of("customerId", "Customer ID", "type", "Event Type", "occurredAt", "Date",
                        "amount", "Amount")))
                .body("unmappedColumns", equalTo(List.of("Visit No", "Paid")))
                .extract().path("id");
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"mapping\": {\"externalId\": \"Visit No\", \"customerId\": \"Customer ID\", \"type\": \"Event Type\", "
                        + "\"occurredAt\": \"Date\", \"amount\": \"Paid\"}}")
                .when().post("/api/v1/imports/" + id + "/confirm").then().statusCode(202).body("guessed", equalTo(false));
        JsonPath done = awaitDone(id);
        assertEquals(2, done.getInt("accepted"));
        List<IngestRecord> records = IngestionApiTest.recordsFor("demo/" + customer, 2);
        assertEquals(Set.of("v-" + customer + "-1", "v-" + customer + "-2"),
                records.stream().map(r -> r.getEvent().getExternalId()).collect(Collectors.toSet()));
        assertEquals(Set.of(700.0, 1250.0), records.stream().map(r -> r.getEvent().getAmount()).collect(Collectors.toSet()));
    }

    @Test
    void aMappingThatDoesNotFitTheFileIsAProblemNamingTheField() {
        byte[] csv = "客户编号,内容\nC1,好\n".getBytes(StandardCharsets.UTF_8);
        upload(csv, "f.csv", "feedback", "{\"customerId\": \"客户\", \"text\": \"内容\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("mapping.channel", "mapping.customerId", "mapping.occurredAt")))
                .body("errors.message", hasItem("no column '客户' in the file; its columns are 客户编号, 内容"));
        upload(csv, "f.csv", "surveys", null).then().statusCode(400).body("errors[0].field", equalTo("type"));
        upload(csv, "f.csv", "feedback", "not json").then().statusCode(400).body("errors[0].field", equalTo("mapping"));
    }

    @Test
    void importsBelongToTheIngestRoleAndTheirTenant() {
        byte[] csv = "客户编号,内容\nC1,好\n".getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2("k-read").multiPart("file", "f.csv", csv, "text/csv").multiPart("type", "feedback")
                .when().post("/api/v1/imports").then().statusCode(403);
        String id = upload(csv, "f.csv", "feedback", null).then().statusCode(201).extract().path("id");
        given().auth().oauth2("k-acme").when().get("/api/v1/imports/" + id).then().statusCode(404);
        given().auth().oauth2("k-acme").when().get("/api/v1/imports/" + id + "/rejected").then().statusCode(404);
    }

    private static io.restassured.response.Response upload(byte[] file, String name, String type, String mapping) {
        RequestSpecification request = given().auth().oauth2("k-ingest")
                .multiPart("file", name, file, "application/octet-stream")
                .multiPart(new MultiPartSpecBuilder(type).controlName("type").charset(StandardCharsets.UTF_8).build());
        if (mapping != null) {
            request.multiPart(new MultiPartSpecBuilder(mapping).controlName("mapping").charset(StandardCharsets.UTF_8).build());
        }
        return request.when().post("/api/v1/imports");
    }

    private static JsonPath awaitDone(String id) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonPath job = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (!job.getString("status").equals("RUNNING") || System.currentTimeMillis() > deadline) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An XLSX workbook as Excel writes it: texts, numbers, and date cells with a date format. */
    private static byte[] workbook(List<String> headers, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("反馈");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d h:mm"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof LocalDateTime time) {
                        row.createCell(c).setCellValue(time);
                        row.getCell(c).setCellStyle(date);
                    } else if (value instanceof Double number) {
                        row.createCell(c).setCellValue(number);
                    } else {
                        row.createCell(c).setCellValue((String) value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
