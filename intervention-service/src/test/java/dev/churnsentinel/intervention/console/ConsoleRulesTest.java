package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.notify.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's plain rules: reach, SLA chips, highlights, charts. */
class ConsoleRulesTest {
    static final Set<String> MANAGERS = Set.of("SENIOR_MANAGER", "REGIONAL_DIRECTOR");
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aContactInAManagerRoleIsAManagerAndAnAdminIsNamedInConfiguration() {
        assertEquals(Reach.Role.MEMBER, Reach.roleOf(List.of("ACCOUNT_MANAGER"), false, MANAGERS));
        assertEquals(Reach.Role.MANAGER, Reach.roleOf(List.of("ACCOUNT_MANAGER", "SENIOR_MANAGER"), false, MANAGERS));
        assertEquals(Reach.Role.ADMIN, Reach.roleOf(List.of(), true, MANAGERS));
        assertEquals(List.of(Reach.Scope.MINE, Reach.Scope.TEAM), Reach.scopes(Reach.Role.MEMBER));
        assertEquals(Reach.Scope.MINE, Reach.scope(Reach.Role.MEMBER, "all"), "a member cannot widen to all");
        assertEquals(Reach.Scope.ALL, Reach.scope(Reach.Role.MANAGER, "all"));
    }

    @Test
    void aMemberSeesTasksAssignedOrEscalatedToThemAndTheirCustomersOnly() {
        assertTrue(Reach.canSee(Reach.Role.MEMBER, "li@x.com", "LI@x.com", null, false));
        assertTrue(Reach.canSee(Reach.Role.MEMBER, "li@x.com", "zhou@x.com", "li@x.com", false));
        assertTrue(Reach.canSee(Reach.Role.MEMBER, "li@x.com", "zhou@x.com", null, true));
        assertFalse(Reach.canSee(Reach.Role.MEMBER, "li@x.com", "zhou@x.com", null, false));
        assertTrue(Reach.canSee(Reach.Role.MANAGER, "li@x.com", "zhou@x.com", null, false));
        assertFalse(Reach.seesDashboard(Reach.Role.MEMBER));
        assertFalse(Reach.administers(Reach.Role.MANAGER));
    }

    @Test
    void theChipCountsToAcknowledgeByUntilAcknowledgedThenToDueAndTurnsAmberInTheLastFifthAndRedWhenPassed() {
        Instant ackBy = T0.plus(Duration.ofHours(2));
        Instant due = T0.plus(Duration.ofHours(24));
        Countdown.Chip fresh = Countdown.of(false, T0, ackBy, due, T0.plusSeconds(60));
        assertEquals(Countdown.Deadline.ACKNOWLEDGE, fresh.deadline());
        assertEquals(Countdown.State.GREEN, fresh.state());
        assertEquals(Countdown.State.AMBER, Countdown.of(false, T0, ackBy, due, T0.plus(Duration.ofMinutes(97))).state());
        Countdown.Chip acknowledged = Countdown.of(true, T0, ackBy, due, T0.plusSeconds(60));
        assertEquals(Countdown.Deadline.DUE, acknowledged.deadline());
        Countdown.Chip late = Countdown.of(false, T0, ackBy, due, T0.plus(Duration.ofHours(3)));
        assertEquals(Countdown.Deadline.DUE, late.deadline(), "a missed acknowledge window leaves the due date to count");
        Countdown.Chip overdue = Countdown.of(true, T0, ackBy, due, T0.plus(Duration.ofHours(25)));
        assertEquals(Countdown.State.RED, overdue.state());
        assertEquals("1h 0m", Countdown.text(overdue.left()));
        assertEquals("2d 3h", Countdown.text(Duration.ofHours(51)));
        assertEquals("4m 5s", Countdown.text(Duration.ofSeconds(245)));
    }

    @Test
    void phrasesAreMarkedAtTheirOffsetsAndBadOrOverlappingSpansAreHandled() {
        String text = "合同到期我们就解约，不想再续了。";
        List<Highlights.Piece> pieces = Highlights.split(text, List.of(new Highlights.Span(7, 9, "CANCELLATION")));
        assertEquals(List.of(new Highlights.Piece("合同到期我们就", null), new Highlights.Piece("解约", "CANCELLATION"),
                new Highlights.Piece("，不想再续了。", null)), pieces);
        List<Highlights.Piece> merged = Highlights.split("太贵了要退款", List.of(new Highlights.Span(0, 2, "PRICE"),
                new Highlights.Span(1, 3, "PRICE"), new Highlights.Span(4, 6, "REFUND"), new Highlights.Span(5, 99, "X"),
                new Highlights.Span(-1, 2, "X")));
        assertEquals("太贵了", merged.get(0).text());
        assertTrue(merged.get(0).marked());
        assertEquals("退款", merged.get(2).text());
        assertEquals(text, String.join("", Highlights.split(text, List.of()).stream().map(Highlights.Piece::text).toList()));
    }

    @Test
    void phrasesQuotedInDifferentWindowsOfOneFeedbackAreMarkedInOneQuote() {
        // as scoring says it: offsets in the whole text, and in each window
        List<Views.Quote> quotes = Views.words(List.of(
                new ScoringApi.Override("HIGH_RISK_KEYWORD", "RED", "said", "f1", "CANCELLATION", "合同到期我们就解约，不想再续了。", 7, 9, 7, 9),
                new ScoringApi.Override("HIGH_RISK_KEYWORD", "RED", "said", "f1", "CANCELLATION", "…就解约，不想再续了。", 10, 14, 5, 9),
                new ScoringApi.Override("NPS_DETRACTOR", "YELLOW", "nps 3", null, null, null, null, null, null, null)));
        assertEquals(1, quotes.size());
        assertEquals(List.of(new Highlights.Piece("合同到期我们就", null), new Highlights.Piece("解约", "CANCELLATION"),
                new Highlights.Piece("，", null), new Highlights.Piece("不想再续", "CANCELLATION"), new Highlights.Piece("了。", null)),
                quotes.get(0).pieces());
        assertEquals(-1, Views.shift("合同到期", "…别的话…"));
        // an answer of an older scoring, without offsets in the window: a whole text is marked, a window is not
        assertTrue(Views.words(List.of(new ScoringApi.Override("HIGH_RISK_KEYWORD", "RED", "said", "f2", "REFUND",
                "我要退款", 2, 4, null, null))).get(0).pieces().get(1).marked());
        assertEquals(1, Views.words(List.of(new ScoringApi.Override("HIGH_RISK_KEYWORD", "RED", "said", "f3", "REFUND",
                "…说我要退款", 20, 22, null, null))).get(0).pieces().size());
    }

    @Test
    void afterSignInOnlyAPathInsideTheConsoleIsFollowed() {
        assertEquals("/console/tasks/1?do=acknowledge", SignInFlow.safeNext("/console/tasks/1?do=acknowledge"));
        for (String elsewhere : new String[]{null, "https://evil.example.com/console", "//evil.example.com/console",
                "/console\\@evil", "/api/v1/tasks", "/console\r\nSet-Cookie: x=1"}) {
            assertEquals("/console", SignInFlow.safeNext(elsewhere), String.valueOf(elsewhere));
        }
    }

    @Test
    void theHistoryLineFitsItsViewBoxAndWeeksStackByTier() {
        Charts.Line line = Charts.line(List.of(new Charts.Point(T0, 0, "GREEN", "a"),
                new Charts.Point(T0.plusSeconds(3600), 100, "RED", "b")));
        assertEquals("6,94 294,6", line.points());
        assertEquals("RED", line.dots().get(1).tier());
        assertTrue(Charts.line(List.of()).empty());
        Charts.Stacked weeks = Charts.stacked(List.of(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30)),
                List.of(Map.of(), Map.of("RED", 2L, "YELLOW", 2L)));
        assertEquals(0, weeks.columns().get(0).segments().size());
        assertEquals(4, weeks.columns().get(1).total());
        assertEquals("RED", weeks.columns().get(1).segments().get(0).tier(), "RED at the bottom");
        assertEquals("53", weeks.columns().get(1).segments().get(0).y());
        Charts.Bars bars = Charts.bars(List.of("RED", "ORANGE"), java.util.Arrays.asList(50.0, null), "%");
        assertEquals(100, bars.bars().get(0).width());
        assertEquals("—", bars.bars().get(1).value());
    }

    @Test
    void anEMailInADigestSaysWhenTheDigestGoesOutOrHowItWent() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        Notification mail = new Notification();
        mail.at = java.time.OffsetDateTime.parse("2026-12-04T10:00:00Z");
        mail.channel = "EMAIL";
        mail.status = "DIGESTED";
        Notification digest = new Notification();
        digest.status = "HELD";
        digest.at = mail.at;
        digest.nextAttemptAt = java.time.OffsetDateTime.parse("2026-12-04T10:02:00Z");

        Views.NotificationLine waiting = Views.notification(mail, digest, shanghai);
        assertTrue(waiting.digestWaits());
        assertFalse(waiting.digestSent());
        assertEquals("2026-12-04 18:02", waiting.digestAt(), "when it goes out, in the console's zone");

        digest.status = "SENT";
        digest.at = java.time.OffsetDateTime.parse("2026-12-04T10:02:03Z");
        Views.NotificationLine sent = Views.notification(mail, digest, shanghai);
        assertFalse(sent.digestWaits());
        assertTrue(sent.digestSent());
        assertEquals("SENT", sent.digestStatus());
        assertEquals("2026-12-04 18:02", sent.digestAt());

        Views.NotificationLine alone = Views.notification(mail, null, shanghai);
        assertFalse(alone.digestWaits());
        assertEquals(null, alone.digestStatus());
    }

    @Test
    void theTaskPageNamesItsCodesInBothLanguagesAndShowsAnUnknownOneAsItIs() throws Exception {
        java.util.Properties zh = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/messages/msg_zh.properties")) {
            zh.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(Views.LABELS.containsAll(java.util.List.of("actor_system", "audit_CREATED", "channel_EMAIL",
                "event_DIGEST", "delivery_DIGESTED")), Views.LABELS.toString());
        assertFalse(Views.LABELS.contains("status_OPEN"), "the task statuses have keys of their own");
        for (String key : Views.LABELS) {
            assertEquals(key, Msg.class.getMethod(key).getName(), "English words for " + key);
            assertTrue(zh.containsKey(key), "Chinese words for " + key);
        }
        Views.AuditLine entry = new Views.AuditLine("2026-12-04 18:00", "system", "ESCALATED", "");
        assertEquals("actor_system", entry.actorKey());
        assertEquals("audit_ESCALATED", entry.typeKey());
        Views.AuditLine someone = new Views.AuditLine("2026-12-04 18:00", "li.ming", "SOMETHING_NEW", "");
        assertEquals(null, someone.actorKey(), "a person is named as they are");
        assertEquals(null, someone.typeKey(), "a code without words shows as it is");
    }

    @Test
    void anAuditEntrysMomentsAreWrittenInTheConsolesZoneAndItsOtherValuesAsTheyAre() {
        dev.churnsentinel.intervention.JsonColumns json =
                new dev.churnsentinel.intervention.JsonColumns(new com.fasterxml.jackson.databind.ObjectMapper());
        assertEquals("tier: RED · dueAt: 2026-12-09 06:51 · riskScore: 90.0 · note: 2026-12-08T meeting at noon",
                Forms.detail(json, "{\"tier\": \"RED\", \"dueAt\": \"2026-12-08T22:51:30.080225073Z\", "
                        + "\"riskScore\": 90.0, \"note\": \"2026-12-08T meeting at noon\"}", java.time.ZoneId.of("Asia/Shanghai")));
    }
}
