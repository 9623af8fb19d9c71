package dev.churnsentinel.ingestion.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnsentinel.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnMappingTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void chineseHeadersAreGuessedAsTheirFields() {
        List<String> headers = List.of("序号", "客户编号", "反馈渠道", "内容", "时间", "满意度", "推荐度");
        assertEquals(Map.of("customerId", "客户编号", "channel", "反馈渠道", "text", "内容", "occurredAt", "时间",
                "satisfaction", "满意度", "nps", "推荐度"), ColumnMapping.guess(ImportType.FEEDBACK, headers));
        assertEquals(List.of("序号"), ColumnMapping.unmapped(ColumnMapping.guess(ImportType.FEEDBACK, headers), headers));
    }

    @Test
    void englishHeadersAreGuessedWhateverTheirCaseAndSeparators() {
        List<String> headers = List.of("Customer ID", "External_Id", "Event Type", "Occurred At", "Amount", "addOnsOffered");
        assertEquals(Map.of("customerId", "Customer ID", "externalId", "External_Id", "type", "Event Type",
                "occurredAt", "Occurred At", "amount", "Amount", "attributes.addOnsOffered", "addOnsOffered"),
                ColumnMapping.guess(ImportType.EVENTS, headers));
    }

    @Test
    void aMappingNamesEachFieldItCannotUse() {
        List<FieldError> errors = ColumnMapping.check(ImportType.FEEDBACK,
                Map.of("customerId", "客户", "colour", "内容", "occurredAt", "时间"), List.of("客户编号", "内容", "时间"));
        assertEquals(List.of("mapping.channel", "mapping.colour", "mapping.customerId"),
                errors.stream().map(FieldError::field).toList());
        assertEquals("no column '客户' in the file; its columns are 客户编号, 内容, 时间", errors.get(2).message());
        assertEquals("is required: name the column that holds it", errors.get(0).message());
    }

    @Test
    void aRowBecomesTheRecordTheApiTakes() throws Exception {
        List<String> headers = List.of("客户编号", "内容", "时间", "满意度");
        ColumnMapping mapping = ColumnMapping.of(ImportType.FEEDBACK, Map.of("customerId", "客户编号", "text", "内容",
                "occurredAt", "时间", "satisfaction", "满意度", "channel", "=SURVEY"), headers, SHANGHAI);
        ObjectNode record = mapping.record(7, List.of("C-42", "师傅很专业", "2026/3/1 10:00", ""), "abc123");
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"externalId\":\"import-abc123-row-7\",\"customerId\":\"C-42\",\"text\":\"师傅很专业\","
                + "\"occurredAt\":\"2026-03-01T10:00+08:00\",\"channel\":\"SURVEY\"}"), record);
    }

    @Test
    void anExternalIdColumnIsUsedAndAttributesGetTheirTypes() {
        List<String> headers = List.of("id", "customer", "type", "date", "推荐项目数", "是否投诉");
        ColumnMapping mapping = ColumnMapping.of(ImportType.EVENTS, ColumnMapping.guess(ImportType.EVENTS, headers), headers, SHANGHAI);
        ObjectNode record = mapping.record(2, List.of("dms-1", "C1", "TICKET_OPENED", "2026-02-20", "2", "是"), "k");
        assertEquals("dms-1", record.get("externalId").asText());
        assertEquals("2026-02-20T00:00+08:00", record.get("occurredAt").asText());
        assertTrue(record.get("attributes").get("addOnsOffered").isIntegralNumber());
        assertTrue(record.get("attributes").get("complaint").booleanValue());
    }

    @Test
    void aTimeThatCannotBeReadIsPassedOnForValidationToName() {
        ColumnMapping mapping = ColumnMapping.of(ImportType.FEEDBACK, Map.of("customerId", "c", "occurredAt", "t",
                "channel", "=CHAT"), List.of("c", "t"), SHANGHAI);
        assertEquals("yesterday", mapping.record(2, List.of("C1", "yesterday"), "k").get("occurredAt").asText());
        assertFalse(mapping.record(3, List.of("C1", ""), "k").has("occurredAt"));
    }

    @Test
    void timesWithAnOffsetKeepItAndOthersTakeTheImportsZone() {
        assertEquals("2026-03-01T10:00+08:00", SheetTimes.iso("2026-03-01T10:00:00+08:00", SHANGHAI));
        assertEquals("2026-03-01T02:00Z", SheetTimes.iso("2026-03-01 02:00:00Z", SHANGHAI));
        assertEquals("2026-03-01T10:00:05+08:00", SheetTimes.iso("2026-03-01 10:00:05", SHANGHAI));
        assertEquals("2026-03-01T10:00+08:00", SheetTimes.iso("2026-03-01T10:00", SHANGHAI)); // an XLSX date cell
        assertEquals(null, SheetTimes.iso("2026-02-30", SHANGHAI));
    }
}
