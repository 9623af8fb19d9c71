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
    void chineseHeadersOfACustomerListAreGuessedAsTheProfilesFieldsAndItsPeople() {
        List<String> headers = List.of("客户编号", "客户名称", "客户类型", "会员等级", "年消费", "币种", "客户经理工号", "客户经理",
                "客户经理邮箱", "店总工号", "店总", "店总邮箱", "区域总监工号", "区域总监邮箱", "总经理工号", "备注");
        Map<String, String> guessed = ColumnMapping.guess(ImportType.CUSTOMERS, headers);
        assertEquals(Map.ofEntries(Map.entry("customerId", "客户编号"), Map.entry("name", "客户名称"),
                Map.entry("segment", "客户类型"), Map.entry("valueTier", "会员等级"), Map.entry("annualValue", "年消费"),
                Map.entry("currency", "币种"), Map.entry("accountManager.id", "客户经理工号"),
                Map.entry("accountManager.name", "客户经理"), Map.entry("accountManager.email", "客户经理邮箱"),
                Map.entry("seniorManager.id", "店总工号"), Map.entry("seniorManager.name", "店总"),
                Map.entry("seniorManager.email", "店总邮箱"), Map.entry("contacts.REGIONAL_DIRECTOR.id", "区域总监工号"),
                Map.entry("contacts.REGIONAL_DIRECTOR.email", "区域总监邮箱"),
                Map.entry("contacts.GENERAL_MANAGER.id", "总经理工号")), guessed);
        assertEquals(List.of("备注"), ColumnMapping.unmapped(guessed, headers));
        assertEquals(List.of(), ColumnMapping.check(ImportType.CUSTOMERS, guessed, headers));
    }

    @Test
    void englishHeadersOfACustomerListAndKeysOfContactsAreGuessed() {
        List<String> headers = List.of("Customer ID", "Name", "Segment", "Value Tier", "Annual Value", "Currency",
                "Account Manager ID", "Account Manager", "Account Manager E-mail", "Senior Manager No", "Senior Manager Name",
                "Senior Manager Mobile", "contacts.CUSTOMER_SUCCESS_DIRECTOR.email", "Phone");
        assertEquals(Map.ofEntries(Map.entry("customerId", "Customer ID"), Map.entry("name", "Name"),
                Map.entry("segment", "Segment"), Map.entry("valueTier", "Value Tier"), Map.entry("annualValue", "Annual Value"),
                Map.entry("currency", "Currency"), Map.entry("accountManager.id", "Account Manager ID"),
                Map.entry("accountManager.name", "Account Manager"), Map.entry("accountManager.email", "Account Manager E-mail"),
                Map.entry("seniorManager.id", "Senior Manager No"), Map.entry("seniorManager.name", "Senior Manager Name"),
                Map.entry("seniorManager.phone", "Senior Manager Mobile"),
                Map.entry("contacts.CUSTOMER_SUCCESS_DIRECTOR.email", "contacts.CUSTOMER_SUCCESS_DIRECTOR.email")),
                ColumnMapping.guess(ImportType.CUSTOMERS, headers));
        // the same for an event's attributes: a header that is the key
        assertEquals("attributes.advisor", ColumnMapping.guess(ImportType.EVENTS,
                List.of("customerId", "type", "occurredAt", "attributes.advisor")).get("attributes.advisor"));
    }

    @Test
    void fieldsOfPeopleBecomeTheirNestedObjectsAndBlankOnesLeaveTheirObjectOut() throws Exception {
        List<String> headers = List.of("客户编号", "客户名称", "年消费", "客户经理工号", "客户经理", "客户经理邮箱", "店总工号", "店总",
                "区域总监工号", "区域总监邮箱");
        Map<String, String> chosen = new java.util.HashMap<>(ColumnMapping.guess(ImportType.CUSTOMERS, headers));
        chosen.put("currency", "=CNY");
        ColumnMapping mapping = ColumnMapping.of(ImportType.CUSTOMERS, chosen, headers, SHANGHAI);
        ObjectNode record = mapping.record(2, List.of("C-42", "王女士", "5000", "am-01", "李娜", "li.na@example.com", "", "",
                "rd-01", "rd@example.com"), "k");
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"customerId\":\"C-42\",\"name\":\"王女士\","
                + "\"annualValue\":\"5000\",\"currency\":\"CNY\",\"accountManager\":{\"id\":\"am-01\",\"name\":\"李娜\","
                + "\"email\":\"li.na@example.com\"},\"contacts\":{\"REGIONAL_DIRECTOR\":{\"id\":\"rd-01\","
                + "\"email\":\"rd@example.com\"}}}"), record);
    }

    @Test
    void aCustomerMappingNamesFieldsThatAreNoneOfTheProfiles() {
        List<String> headers = List.of("客户编号", "传真", "区域");
        List<FieldError> errors = ColumnMapping.check(ImportType.CUSTOMERS, Map.of("customerId", "客户编号",
                "accountManager.fax", "传真", "contacts.REGIONAL_DIRECTOR", "区域", "externalId", "客户编号"), headers);
        assertEquals(List.of("mapping.accountManager.fax", "mapping.contacts.REGIONAL_DIRECTOR", "mapping.externalId"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().startsWith("unknown field; customers has customerId, name, segment, valueTier, "
                + "annualValue, currency, accountManager.id, accountManager.name, accountManager.email, accountManager.phone, "
                + "seniorManager.id"), errors.get(0).message());
        assertTrue(errors.get(0).message().endsWith("seniorManager.phone and contacts.ROLE.id|name|email|phone"),
                errors.get(0).message());
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
