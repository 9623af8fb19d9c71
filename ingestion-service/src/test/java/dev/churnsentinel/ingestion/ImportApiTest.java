package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    AgroalDataSource dataSource;

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
    void aCustomerListIsGuessedImportedAsProfilesAnnouncedAndAgainFoundUnchanged() throws Exception {
        String run = "C-" + UUID.randomUUID();
        byte[] csv = ("客户编号,客户名称,客户类型,会员等级,年消费,客户经理工号,客户经理,客户经理邮箱,店总工号,店总,店总邮箱\n"
                + run + "-1,王女士,NEV owner,VIP,5000,am-01,李娜,li.na@example.com,sm-01,周总,zhou@example.com\n"
                + run + "-2,张先生,,HIGH,3000,am-02,赵强,zhao-at-example.com,,,\n"
                + ",无编号,,STANDARD,100,,,,,,\n"
                + run + "-3,刘女士,,LOW,-100,,,,,,\n"
                + run + "-4,陈先生,,,,,,,,,\n"
                + run + "-1,王女士,fleet,VIP,8000,am-01,李娜,li.na@example.com,sm-01,周总,zhou@example.com\n")
                .getBytes(StandardCharsets.UTF_8);

        String id = upload(csv, "客户.csv", "customers", null).then().statusCode(201)
                .body("type", equalTo("customers")).body("status", equalTo("AWAITING_CONFIRMATION"))
                .body("mapping", equalTo(Map.ofEntries(Map.entry("customerId", "客户编号"), Map.entry("name", "客户名称"),
                        Map.entry("segment", "客户类型"), Map.entry("valueTier", "会员等级"), Map.entry("annualValue", "年消费"),
                        Map.entry("accountManager.id", "客户经理工号"), Map.entry("accountManager.name", "客户经理"),
                        Map.entry("accountManager.email", "客户经理邮箱"), Map.entry("seniorManager.id", "店总工号"),
                        Map.entry("seniorManager.name", "店总"), Map.entry("seniorManager.email", "店总邮箱"))))
                .body("unmappedColumns", equalTo(List.of())).extract().path("id");
        given().auth().oauth2("k-ingest").contentType("application/json").when().post("/api/v1/imports/" + id + "/confirm")
                .then().statusCode(202);
        JsonPath done = awaitDone(id);
        assertEquals("SUCCEEDED", done.getString("status"));
        // the first row of -1 is replaced by its later row before it is stored: a duplicate of it
        assertEquals(List.of(6, 2, 1, 3), List.of(done.getInt("rowsRead"), done.getInt("accepted"),
                done.getInt("duplicates"), done.getInt("rejected")));

        byte[] rejected = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id + "/rejected")
                .then().statusCode(200).extract().asByteArray();
        assertEquals("\uFEFFrow,客户编号,客户名称,客户类型,会员等级,年消费,客户经理工号,客户经理,客户经理邮箱,店总工号,店总,店总邮箱,errors\r\n"
                + "3," + run + "-2,张先生,,HIGH,3000,am-02,赵强,zhao-at-example.com,,,,accountManager.email: must be a well-formed email address\r\n"
                + "4,,无编号,,STANDARD,100,,,,,,,customerId: must not be null\r\n"
                + "5," + run + "-3,刘女士,,LOW,-100,,,,,,,annualValue: must be greater than or equal to 0\r\n",
                new String(rejected, StandardCharsets.UTF_8));

        assertEquals(JSON.readTree("{\"name\": \"王女士\", \"segment\": \"fleet\", \"valueTier\": \"VIP\", \"annualValue\": 8000, "
                + "\"accountManager\": {\"id\": \"am-01\", \"name\": \"李娜\", \"email\": \"li.na@example.com\"}, "
                + "\"seniorManager\": {\"id\": \"sm-01\", \"name\": \"周总\", \"email\": \"zhou@example.com\"}}"),
                JSON.readTree(profile(run + "-1")));
        assertEquals(JSON.readTree("{\"name\": \"陈先生\"}"), JSON.readTree(profile(run + "-4")));
        assertEquals(null, profile(run + "-3"));
        IngestRecord announced = IngestionApiTest.recordsFor("demo/" + run + "-1", 1).get(0);
        assertEquals("fleet", announced.getCustomer().getSegment());
        assertEquals("zhou@example.com", announced.getCustomer().getContactsOrThrow("SENIOR_MANAGER").getEmail());

        String again = upload(csv, "客户.csv", "customers", null).then().statusCode(201).extract().path("id");
        given().auth().oauth2("k-ingest").contentType("application/json").when().post("/api/v1/imports/" + again + "/confirm")
                .then().statusCode(202);
        JsonPath twice = awaitDone(again);
        assertEquals(List.of(6, 0, 3, 3), List.of(twice.getInt("rowsRead"), twice.getInt("accepted"),
                twice.getInt("duplicates"), twice.getInt("rejected")));
        assertEquals(1, TestTopics.read(IngestionApiTest.TOPIC, "demo/" + run + "-1", 2, Duration.ofSeconds(3)).size(),
                "an unchanged profile is not announced again");
    }

    @Test
    void anXlsxCustomerListWithAMappingReplacesProfilesPutBeforeAndNamesBadRows() throws Exception {
        String run = "C-" + UUID.randomUUID();
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"name\": \"Old name\", \"valueTier\": \"LOW\"}").when().put("/api/v1/customers/" + run + "-1")
                .then().statusCode(201);
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"name\": \"Mr Chen\", \"valueTier\": \"HIGH\", \"annualValue\": 12000}")
                .when().put("/api/v1/customers/" + run + "-2").then().statusCode(201);
        byte[] xlsx = workbook(List.of("Customer ID", "Name", "Tier", "Annual Value", "Director ID", "Director Email"), List.of(
                List.of(run + "-1", "Ms Wang", "VIP", 5000.5, "rd-01", "rd@example.com"),
                List.of(run + "-2", "Mr Chen", "HIGH", 12000.0, "", ""),
                List.of(run + "-3", "Ms Liu", "GOLD", 10.0, "", ""),
                List.of(run + "-4", "Mr Zhou", "LOW", 10.0, "", "rd@example.com")));
        String mapping = "{\"customerId\": \"Customer ID\", \"name\": \"Name\", \"valueTier\": \"Tier\", "
                + "\"annualValue\": \"Annual Value\", \"contacts.REGIONAL_DIRECTOR.id\": \"Director ID\", "
                + "\"contacts.REGIONAL_DIRECTOR.email\": \"Director Email\"}";

        String id = upload(xlsx, "customers.xlsx", "customers", mapping).then().statusCode(202).extract().path("id");
        JsonPath done = awaitDone(id);
        assertEquals(List.of(4, 1, 1, 2), List.of(done.getInt("rowsRead"), done.getInt("accepted"),
                done.getInt("duplicates"), done.getInt("rejected")));
        String errors = given().auth().oauth2("k-ingest").when().get("/api/v1/imports/" + id + "/rejected")
                .then().statusCode(200).extract().asString();
        assertTrue(errors.contains("\r\n4," + run + "-3,Ms Liu,GOLD,10,,,\"valueTier: must be one of [VIP, HIGH, STANDARD, LOW]\"\r\n"),
                errors);
        assertTrue(errors.contains("\r\n5," + run + "-4,Mr Zhou,LOW,10,,rd@example.com,"
                + "contacts[REGIONAL_DIRECTOR].id: must not be blank\r\n"), errors);
        assertEquals(JSON.readTree("{\"name\": \"Ms Wang\", \"valueTier\": \"VIP\", \"annualValue\": 5000.5, \"contacts\": "
                + "{\"REGIONAL_DIRECTOR\": {\"id\": \"rd-01\", \"email\": \"rd@example.com\"}}}"), JSON.readTree(profile(run + "-1")));
        IngestRecord replaced = IngestionApiTest.recordsFor("demo/" + run + "-1", 2).get(1);
        assertEquals("rd@example.com", replaced.getCustomer().getContactsOrThrow("REGIONAL_DIRECTOR").getEmail());
    }

    @Test
    void aMappingThatDoesNotFitTheFileIsAProblemNamingTheField() {
        byte[] csv = "客户编号,内容\nC1,好\n".getBytes(StandardCharsets.UTF_8);
        upload(csv, "f.csv", "feedback", "{\"customerId\": \"客户\", \"text\": \"内容\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("mapping.channel", "mapping.customerId", "mapping.occurredAt")))
                .body("errors.message", hasItem("no column '客户' in the file; its columns are 客户编号, 内容"));
        upload(csv, "f.csv", "surveys", null).then().statusCode(400).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", equalTo("must be feedback, events or customers"));
        upload(csv, "f.csv", "customers", "{\"customerId\": \"客户编号\", \"accountManager.mobile\": \"内容\"}")
                .then().statusCode(400).body("errors.field", equalTo(List.of("mapping.accountManager.mobile")));
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

    /** The customer's stored profile (without its nulls) as JSON text, or null when it has none. */
    private String profile(String customerId) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select jsonb_strip_nulls(profile)::text from customer where tenant = 'demo' and customer_id = ?")) {
            select.setString(1, customerId);
            ResultSet row = select.executeQuery();
            return row.next() ? row.getString(1) : null;
        }
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
