package dev.churnsentinel.intervention;

import dev.churnsentinel.platform.api.ApiDocument;

/** The request and answer bodies the OpenAPI document shows for intervention's operations. */
public final class ApiExamples {
    public static final String TASK = """
            {"id": "0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23", "customerId": "C1", "tier": "RED", "kind": "RESCUE",
             "playbook": "RED", "playbookVersion": 1, "status": "OPEN",
             "assignee": {"id": "sm-01", "name": "周总", "role": "SENIOR_MANAGER"}, "escalateTo": "REGIONAL_DIRECTOR",
             "createdAt": "2026-03-01T10:00:04+08:00", "updatedAt": "2026-03-01T10:00:04+08:00",
             "dueAt": "2026-03-02T10:00:04+08:00", "acknowledgeBy": "2026-03-01T12:00:04+08:00",
             "escalationLevel": 0, "overdue": false,
             "reason": {"riskScore": 90.0, "stage": "DECIDED",
                        "signals": [{"code": "HIGH_RISK_KEYWORD", "detail": "said \\"解约\\""},
                                    {"code": "NPS_DETRACTOR", "detail": "NPS 2"}],
                        "evidence": ["合同到期我们就解约，不想再续了。"]},
             "guidance": ["亲自致电客户，24小时内完成 / Phone the customer yourself within 24 hours",
                          "不谈续费，只谈解决问题 / Don't talk about renewal; talk about solving the problem"]}""";
    public static final String ACKNOWLEDGED = """
            {"id": "0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23", "customerId": "C1", "tier": "RED", "kind": "RESCUE",
             "playbook": "RED", "playbookVersion": 1, "status": "ACKNOWLEDGED",
             "assignee": {"id": "sm-01", "name": "周总", "role": "SENIOR_MANAGER"}, "escalateTo": "REGIONAL_DIRECTOR",
             "createdAt": "2026-03-01T10:00:04+08:00", "updatedAt": "2026-03-01T10:41:17+08:00",
             "dueAt": "2026-03-02T10:00:04+08:00", "acknowledgeBy": "2026-03-01T12:00:04+08:00",
             "escalationLevel": 0, "overdue": false, "acknowledgedAt": "2026-03-01T10:41:17+08:00"}""";
    public static final String RESOLVED = """
            {"id": "0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23", "customerId": "C1", "tier": "RED", "kind": "RESCUE",
             "playbook": "RED", "playbookVersion": 1, "status": "RESOLVED",
             "assignee": {"id": "sm-01", "name": "周总", "role": "SENIOR_MANAGER"}, "escalateTo": "REGIONAL_DIRECTOR",
             "createdAt": "2026-03-01T10:00:04+08:00", "updatedAt": "2026-03-01T17:20:00+08:00",
             "dueAt": "2026-03-02T10:00:04+08:00", "acknowledgeBy": "2026-03-01T12:00:04+08:00",
             "escalationLevel": 0, "overdue": false, "acknowledgedAt": "2026-03-01T10:41:17+08:00",
             "startedAt": "2026-03-01T11:05:00+08:00", "resolvedAt": "2026-03-01T17:20:00+08:00",
             "outcome": "RETAINED", "rootCause": "空调异味未解决", "actions": "免费更换蒸发箱", "cost": 500}""";
    public static final String TASKS = """
            {"items": [{"id": "0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23", "customerId": "C1", "tier": "RED", "kind": "RESCUE",
                        "playbook": "RED", "playbookVersion": 1, "status": "OPEN",
                        "assignee": {"id": "sm-01", "name": "周总", "role": "SENIOR_MANAGER"},
                        "escalateTo": "REGIONAL_DIRECTOR", "createdAt": "2026-03-01T10:00:04+08:00",
                        "updatedAt": "2026-03-01T10:00:04+08:00", "dueAt": "2026-03-02T10:00:04+08:00",
                        "acknowledgeBy": "2026-03-01T12:00:04+08:00", "escalationLevel": 0, "overdue": false}],
             "nextCursor": "AV0yMDI2LTAzLTAyVDAyOjAwOjA0Wg.Qm9x1A", "total": 12}""";
    public static final String HISTORY = """
            {"items": [
               {"at": "2026-03-01T10:00:04+08:00", "actor": "system", "type": "CREATED",
                "detail": {"from": "GREEN", "tier": "RED", "kind": "RESCUE", "assigneeId": "sm-01",
                           "role": "SENIOR_MANAGER", "dueAt": "2026-03-02T02:00:04Z", "playbookVersion": 1,
                           "riskScore": 90.0}},
               {"at": "2026-03-01T10:41:17+08:00", "actor": "周总", "type": "ACKNOWLEDGED", "detail": {}},
               {"at": "2026-03-01T10:45:02+08:00", "actor": "周总", "type": "COMMENTED", "detail": {"text": "已约周五面谈"}},
               {"at": "2026-03-01T17:20:00+08:00", "actor": "周总", "type": "RESOLVED",
                "detail": {"outcome": "RETAINED", "onTime": true, "rootCause": "空调异味未解决", "actions": "免费更换蒸发箱",
                           "cost": 500}}],
             "nextCursor": null, "total": 4}""";
    public static final String NOTIFICATIONS = """
            {"items": [{"id": "0195f3a4-2c55-7a10-9f3e-1b2c3d4e5f60", "taskId": "0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23",
                        "event": "TASK_ASSIGNED", "channel": "EMAIL", "recipient": "zhou@example.com",
                        "subject": "[RED · RESCUE] 王女士 (C1) — 截止 / due 2026-03-02 10:00 +08:00", "status": "SENT", "attempt": 1,
                        "at": "2026-03-01T10:00:06+08:00"}],
             "nextCursor": null, "total": 1}""";

    public static final String BY = """
            {"by": "周总"}""";
    public static final String REASSIGN = """
            {"assigneeId": "rd-01", "name": "陈总监", "email": "chen@example.com", "role": "REGIONAL_DIRECTOR", "by": "周总"}""";
    public static final String RESOLVE = """
            {"outcome": "RETAINED", "rootCause": "空调异味未解决", "actions": "免费更换蒸发箱", "cost": 500, "by": "周总"}""";
    public static final String RESOLVE_EXIT_SURVEY = """
            {"outcome": "CHURNED", "exitReason": "COMPETITOR", "note": "客户说特斯拉的保养套餐更便宜", "by": "李明"}""";
    public static final String CANCEL = """
            {"reason": "客户已于上周由区域总监当面处理", "by": "周总"}""";
    public static final String COMMENT = """
            {"text": "已约周五面谈", "by": "周总"}""";

    public static final String PLAYBOOKS = """
            {"version": 2,
             "tiers": {
               "RED": {"kind": "RESCUE", "due": "PT24H", "acknowledgeWithin": "PT2H", "assigneeRole": "SENIOR_MANAGER",
                       "escalateTo": "REGIONAL_DIRECTOR", "escalationChain": ["GENERAL_MANAGER"], "onEscalation": "SHARE",
                       "dueOnWorkingDay": false,
                       "guidance": ["亲自致电客户，24小时内完成 / Phone the customer yourself within 24 hours"]},
               "ORANGE": {"kind": "INTERVENE", "due": "P3D", "acknowledgeWithin": "PT8H", "assigneeRole": "ACCOUNT_MANAGER",
                          "escalateTo": "SENIOR_MANAGER", "escalationChain": ["REGIONAL_DIRECTOR"], "onEscalation": "SHARE",
                          "dueOnWorkingDay": true, "guidance": ["解决真正的问题，真诚道歉 / Fix the real problem and apologise sincerely"]},
               "YELLOW": {"kind": "CARE", "due": "P7D", "acknowledgeWithin": "P1D", "assigneeRole": "ACCOUNT_MANAGER",
                          "escalateTo": "SENIOR_MANAGER", "escalationChain": [], "onEscalation": "SHARE",
                          "dueOnWorkingDay": true, "guidance": ["主动关怀：月度回访 / Reach out: monthly care call"]}},
             "variants": {
               "priceSensitiveGuidance": ["价格敏感：不要急于打折 / Price-sensitive: do not rush to discount"],
               "exitSurvey": {"due": "P7D", "acknowledgeWithin": "P2D", "assigneeRole": "ACCOUNT_MANAGER",
                              "escalateTo": "SENIOR_MANAGER", "guidance": ["不挽留、不推销，只了解真实原因 / Only learn the real reason"],
                              "reasonCodes": ["PRICE", "COMPETITOR", "SERVICE", "QUALITY", "PRODUCT_FIT", "NO_LONGER_NEEDED",
                                              "RELOCATED", "OTHER"]}}}""";
    public static final String PLAYBOOK_VERSIONS = """
            {"items": [{"version": 2, "createdAt": "2026-02-12T09:30:00+08:00", "createdBy": "api-key:demo"},
                       {"version": 1, "createdAt": "2026-01-05T08:00:00+08:00", "createdBy": "api-key:demo"}],
             "nextCursor": null, "total": 2}""";

    public static final String RETENTION = """
            {"period": {"from": "2025-12-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"},
             "assumptions": {"margin": 0.3, "lifetimeYears": 3.0},
             "tiers": [{"tier": "RED", "tasks": 9, "open": 1, "resolved": 8, "cancelled": 0,
                        "sla": {"acknowledgeDue": 9, "acknowledgedOnTime": 8, "acknowledgedOnTimeRate": 0.889,
                                "resolveDue": 8, "resolvedOnTime": 7, "resolvedOnTimeRate": 0.875, "escalated": 2},
                        "outcomes": {"retained": 6, "churned": 2, "falseAlarms": 0, "passiveChurn": 0, "saveRate": 0.75},
                        "money": {"retainedAnnualValue": 42000, "revenueKept": 37800, "cost": 3000, "net": 34800,
                                  "roi": 11.6}}],
             "exitReasons": {"COMPETITOR": 1, "PRICE": 1}}""";

    public static final String NEW_SUBSCRIPTION = """
            {"url": "https://crm.example.com/hooks/churn-sentinel", "events": ["TIER_CHANGED", "TASK_CHANGED"],
             "description": "CRM: tiers and tasks onto the customer card"}""";
    public static final String SUBSCRIPTION_CREATED = """
            {"id": "0195f3a5-0a11-7b22-8c33-4d44e55f6a77", "url": "https://crm.example.com/hooks/churn-sentinel",
             "events": ["TIER_CHANGED", "TASK_CHANGED"], "description": "CRM: tiers and tasks onto the customer card",
             "createdAt": "2026-03-01T09:00:00+08:00", "createdBy": "api-key:demo",
             "secret": "whsec_5Xh3pQ9vB2mK7tR1yW8zN4cL6dF0gJ"}""";
    public static final String SUBSCRIPTION = """
            {"id": "0195f3a5-0a11-7b22-8c33-4d44e55f6a77", "url": "https://crm.example.com/hooks/churn-sentinel",
             "events": ["TIER_CHANGED", "TASK_CHANGED"], "description": "CRM: tiers and tasks onto the customer card",
             "createdAt": "2026-03-01T09:00:00+08:00", "createdBy": "api-key:demo"}""";
    public static final String SUBSCRIPTIONS = """
            {"items": [{"id": "0195f3a5-0a11-7b22-8c33-4d44e55f6a77", "url": "https://crm.example.com/hooks/churn-sentinel",
                        "events": ["TIER_CHANGED", "TASK_CHANGED"], "description": "CRM: tiers and tasks onto the customer card",
                        "createdAt": "2026-03-01T09:00:00+08:00", "createdBy": "api-key:demo"}],
             "nextCursor": null, "total": 1}""";
    public static final String DELIVERIES = """
            {"items": [{"id": 4101, "event": "TIER_CHANGED", "occurredAt": "2026-03-01T10:00:03+08:00", "status": "SENT",
                        "attempt": 1, "at": "2026-03-01T10:00:05+08:00"},
                       {"id": 4102, "event": "TASK_CHANGED", "occurredAt": "2026-03-01T10:00:04+08:00", "status": "RETRYING",
                        "attempt": 3, "at": "2026-03-01T10:03:05+08:00", "nextAttemptAt": "2026-03-01T10:11:05+08:00",
                        "error": "HTTP 503"}],
             "nextCursor": null, "total": 2}""";
    public static final String REPLAY = """
            {"fromId": 4101, "toId": 4180}""";
    public static final String REPLAYED = """
            {"requeued": 80}""";

    public static final String TASK_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "task 0195f3a4-2b10-7e61-b8d2-5c7a9e0f1d23 does not exist"}""";
    public static final String SUBSCRIPTION_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "subscription 0195f3a5-0a11-7b22-8c33-4d44e55f6a77 does not exist"}""";
    public static final String ILLEGAL_TRANSITION = """
            {"type": "about:blank", "title": "Illegal transition", "status": 409,
             "detail": "a task that is RESOLVED cannot be acknowledged; allowed from [OPEN]"}""";
    public static final String ILLEGAL_START = """
            {"type": "about:blank", "title": "Illegal transition", "status": 409,
             "detail": "a task that is IN_PROGRESS cannot be started; allowed from [OPEN, ACKNOWLEDGED]"}""";
    public static final String ILLEGAL_CLOSE = """
            {"type": "about:blank", "title": "Illegal transition", "status": 409,
             "detail": "a task that is CANCELLED cannot be resolved; allowed from [OPEN, ACKNOWLEDGED, IN_PROGRESS]"}""";
    public static final String STALE_PLAYBOOKS = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "the playbooks are at version 3, not 2; read them again and reapply your change"}""";
    public static final String INVALID_BY = ApiDocument.INVALID_FIELD + """
            [{"field": "body", "message": "must be empty or {\\"by\\": \\"who\\"}"}]}""";
    public static final String INVALID_REASSIGN = ApiDocument.INVALID_FIELD + """
            [{"field": "assigneeId",
                         "message": "is not a contact of this customer nor a tenant default; give the person's name and email too"}]}""";
    public static final String INVALID_RESOLVE = ApiDocument.INVALID_FIELD + """
            [{"field": "outcome", "message": "must be one of [RETAINED, CHURNED, FALSE_ALARM, PASSIVE_CHURN]"}]}""";
    public static final String INVALID_TEXT = ApiDocument.INVALID_FIELD + """
            [{"field": "text", "message": "must not be blank"}]}""";
    public static final String INVALID_REASON = ApiDocument.INVALID_FIELD + """
            [{"field": "reason", "message": "must not be blank"}]}""";
    public static final String INVALID_LIST = ApiDocument.INVALID_FIELD + """
            [{"field": "status", "message": "must be a comma-separated list of [ACKNOWLEDGED, CANCELLED, IN_PROGRESS, OPEN, RESOLVED]"}]}""";
    public static final String INVALID_CURSOR = ApiDocument.INVALID_FIELD + """
            [{"field": "cursor", "message": "was altered or not issued by this service; pass nextCursor from a previous page unchanged"}]}""";
    public static final String INVALID_PLAYBOOKS = ApiDocument.INVALID_FIELD + """
            [{"field": "tiers.RED.due", "message": "must be a positive ISO-8601 duration such as PT24H"}]}""";
    public static final String INVALID_PERIOD = ApiDocument.INVALID_FIELD + """
            [{"field": "from", "message": "must be before to"}]}""";
    public static final String INVALID_URL = ApiDocument.INVALID_FIELD + """
            [{"field": "url", "message": "must be an absolute https:// address"}]}""";
    public static final String INVALID_RANGE = ApiDocument.INVALID_FIELD + """
            [{"field": "toId", "message": "must be at least fromId"}]}""";

    public static final String ADMIN_WEBHOOK_PUT = """
            {"url": "https://oapi.dingtalk.com/robot/send?access_token=5f0c9d1e7a2b4c3d8e6f",
             "format": "DINGTALK", "secret": "SEC0123456789abcdef", "tiers": ["RED", "ORANGE"]}""";
    public static final String ADMIN_WEBHOOK = """
            {"name": "ops-room", "url": "https://oapi.dingtalk.com/robot/send?access_token=****8e6f", "format": "DINGTALK",
             "tiers": ["RED", "ORANGE"], "secretSet": true, "source": "api"}""";
    public static final String ADMIN_WEBHOOKS = """
            {"items": [{"name": "ops-room", "url": "https://oapi.dingtalk.com/robot/send?access_token=****8e6f",
                        "format": "DINGTALK", "tiers": ["RED", "ORANGE"], "secretSet": true, "source": "api"},
                       {"name": "team-feishu", "url": "https://open.feishu.cn/open-apis/bot/v2/hook/****9a0b",
                        "format": "FEISHU", "tiers": null, "secretSet": false, "source": "config"}],
             "nextCursor": null, "total": 2}""";
    public static final String WEBHOOK_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "webhook ops-room does not exist"}""";
    public static final String WEBHOOK_CONFIGURED = """
            {"type": "about:blank", "title": "Set in configuration", "status": 409,
             "detail": "webhook team-feishu comes from configuration: an operator removes it there (a PUT here overrides it)"}""";
    public static final String WEBHOOK_TEST_DELIVERED = """
            {"delivered": true, "status": 200, "response": "{\\"errcode\\":0,\\"errmsg\\":\\"ok\\"}", "error": null, "tookMs": 182}""";
    public static final String WEBHOOK_TEST_REFUSED = """
            {"delivered": false, "status": 200,
             "response": "{\\"errcode\\":310000,\\"errmsg\\":\\"keywords not in content\\"}",
             "error": "the robot refused the message: code 310000 keywords not in content", "tookMs": 167}""";
    public static final String ADMIN_CONTACT_PUT = """
            {"id": "sm-duty", "name": "值班高级经理", "email": "sm-duty@example.com"}""";
    public static final String ADMIN_CONTACT = """
            {"role": "SENIOR_MANAGER", "id": "sm-duty", "name": "值班高级经理", "email": "sm-duty@example.com", "source": "api"}""";
    public static final String ADMIN_CONTACTS = """
            {"items": [{"role": "GENERAL_MANAGER", "id": "gm-01", "name": "总经理", "email": "gm@example.com", "source": "config"},
                       {"role": "SENIOR_MANAGER", "id": "sm-duty", "name": "值班高级经理", "email": "sm-duty@example.com",
                        "source": "api"}],
             "nextCursor": null, "total": 2}""";
    public static final String CONTACT_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "default contact SENIOR_MANAGER does not exist"}""";
    public static final String CONTACT_CONFIGURED = """
            {"type": "about:blank", "title": "Set in configuration", "status": 409,
             "detail": "default contact GENERAL_MANAGER comes from configuration: an operator removes it there (a PUT here overrides it)"}""";
    public static final String CONTACT_TEST_DELIVERED = """
            {"delivered": true, "error": null}""";
    public static final String CONTACT_TEST_NO_ADDRESS = """
            {"delivered": false, "error": "the default contact SENIOR_MANAGER has no e-mail address"}""";
    public static final String INVALID_ROLE = ApiDocument.INVALID_FIELD + """
            [{"field": "role", "message": "must be a role such as SENIOR_MANAGER"}]}""";

    private ApiExamples() {
    }
}
