package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.platform.api.ApiDocument;

/** The request and answer bodies the OpenAPI document shows for ingestion's operations (real-looking, not invented). */
public final class ApiExamples {
    public static final String FEEDBACK = """
            {"externalId": "survey-2026-000123", "customerId": "C1", "channel": "SURVEY",
             "occurredAt": "2026-03-01T10:00:00+08:00", "text": "合同到期我们就解约，不想再续了。", "nps": 2}""";
    public static final String FEEDBACK_BATCH = """
            [{"externalId": "survey-2026-000123", "customerId": "C1", "channel": "SURVEY",
              "occurredAt": "2026-03-01T10:00:00+08:00", "text": "合同到期我们就解约，不想再续了。"},
             {"externalId": "ticket-88812", "customerId": "C2", "channel": "TICKET",
              "occurredAt": "2026-03-01T11:20:00+08:00", "text": "空调滤芯换了还是有异味。"},
             {"externalId": "survey-2026-000125", "customerId": "C3", "channel": "SURVEY",
              "occurredAt": "2026-03-01T12:00:00+08:00", "nps": 11}]""";
    public static final String EVENT = """
            {"externalId": "dms-visit-88812", "customerId": "C1", "type": "SERVICE_VISIT",
             "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 680,
             "attributes": {"addOnsOffered": 2, "addOnsAccepted": 0}}""";
    public static final String EVENT_BATCH = """
            [{"externalId": "dms-visit-88812", "customerId": "C1", "type": "SERVICE_VISIT",
              "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 680,
              "attributes": {"addOnsOffered": 2, "addOnsAccepted": 0}},
             {"externalId": "crm-appt-4411", "customerId": "C2", "type": "APPOINTMENT_MISSED",
              "occurredAt": "2026-02-21T14:00:00+08:00"},
             {"externalId": "dms-visit-88813", "customerId": "C3", "type": "SERVICE_VISIT",
              "occurredAt": "2026-02-22T10:00:00+08:00", "attributes": {"addOnsOffered": 1, "addOnsAccepted": 3}}]""";
    public static final String CUSTOMER = """
            {"name": "王女士", "segment": "NEV owner", "valueTier": "VIP", "annualValue": 5000, "currency": "CNY",
             "accountManager": {"id": "am-01", "name": "李明", "email": "li.ming@example.com"},
             "seniorManager": {"id": "sm-01", "name": "周总", "email": "zhou@example.com"},
             "contacts": {"REGIONAL_DIRECTOR": {"id": "rd-01", "name": "陈总监", "email": "chen@example.com"}}}""";

    public static final String ACCEPTED = """
            {"id": "0195f3a2-7c41-7d2e-9a51-3f0c2b8e4d17", "duplicate": false}""";
    public static final String DUPLICATE = """
            {"id": "0195f3a2-7c41-7d2e-9a51-3f0c2b8e4d17", "duplicate": true}""";
    public static final String FEEDBACK_BATCH_RESULT = """
            {"accepted": 1, "duplicates": 1,
             "rejected": [{"index": 2, "errors": [{"field": "nps", "message": "must be less than or equal to 10"}]}],
             "results": [{"index": 0, "id": "0195f3a2-7c41-7d2e-9a51-3f0c2b8e4d17", "duplicate": true},
                         {"index": 1, "id": "0195f3a2-8d02-7b11-8e6f-0a4c9d2e1b55", "duplicate": false}]}""";
    public static final String EVENT_BATCH_RESULT = """
            {"accepted": 2, "duplicates": 0,
             "rejected": [{"index": 2, "errors": [{"field": "attributes.addOnsAccepted",
                                                   "message": "must not exceed addOnsOffered"}]}],
             "results": [{"index": 0, "id": "0195f3a3-1a20-7c3d-b4e2-6d8f0e1a2b3c", "duplicate": false},
                         {"index": 1, "id": "0195f3a3-1a21-7f60-a9c8-2e4b6d8f0a1c", "duplicate": false}]}""";
    public static final String CREATED = """
            {"customerId": "C1", "created": true}""";
    public static final String REPLACED = """
            {"customerId": "C1", "created": false}""";

    public static final String INVALID_FEEDBACK = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "the request has 2 invalid field(s)",
             "errors": [{"field": "customerId", "message": "must be 1-100 letters, digits or . _ : -"},
                        {"field": "nps", "message": "must be less than or equal to 10"}]}""";
    public static final String INVALID_EVENT = ApiDocument.INVALID_FIELD + """
            [{"field": "type", "message": "must be one of [SERVICE_VISIT, PURCHASE, APPOINTMENT_BOOKED, \
            APPOINTMENT_KEPT, APPOINTMENT_MISSED, OUTREACH_SENT, OUTREACH_RESPONDED, CAMPAIGN_INVITED, CAMPAIGN_JOINED, \
            TICKET_OPENED, TICKET_RESOLVED, LOGIN, EMAIL_OPENED, CONTRACT_RENEWED, CONTRACT_CANCELLED, CUSTOMER_RELOCATED]"}]}""";
    public static final String INVALID_CUSTOMER = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "the request has 2 invalid field(s)",
             "errors": [{"field": "currency", "message": "must be an ISO 4217 code such as CNY"},
                        {"field": "seniorManager.email", "message": "must be a well-formed email address"}]}""";
    public static final String INVALID_BATCH = ApiDocument.INVALID_FIELD + """
            [{"field": "body", "message": "must hold at most 1000 items, not 1200"}]}""";
    public static final String ERASURE = """
            {"id": "0193a1f2-5b7c-7e01-8c3d-4a5b6c7d8e9f", "customerId": "C1001",
             "requestedAt": "2026-03-02T09:15:00.123456Z", "requestedBy": "api-key:demo", "status": "IN_PROGRESS",
             "services": [
               {"service": "ingestion-service", "status": "DONE", "doneAt": "2026-03-02T09:15:00.123456Z",
                "counts": {"profile": 1, "feedback": 14, "events": 31, "rejectedImportRows": 0}},
               {"service": "scoring-service", "status": "DONE", "doneAt": "2026-03-02T09:15:01.402Z",
                "counts": {"health": 1, "history": 9, "signalLog": 45}},
               {"service": "intervention-service", "status": "IN_PROGRESS", "doneAt": null, "counts": null}]}""";
    public static final String UNKNOWN_CUSTOMER = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "customer C404 does not exist"}""";
    public static final String BACKED_UP = """
            {"type": "about:blank", "title": "Service Unavailable", "status": 503,
             "detail": "200417 accepted items are still waiting for Kafka (limit 200000); nothing of this request was \
            kept, send it again later"}""";

    private ApiExamples() {
    }
}
