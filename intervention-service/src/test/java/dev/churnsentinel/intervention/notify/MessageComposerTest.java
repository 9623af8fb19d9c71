package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.task.TaskNotifier;
import dev.churnsentinel.intervention.task.TaskReason;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageComposerTest {
    static final UUID TASK = UUID.randomUUID();
    static final MessageComposer COMPOSER = new MessageComposer(ZoneId.of("Asia/Shanghai"), null);

    static MessageComposer.TaskFacts facts(String evidence) {
        OffsetDateTime created = OffsetDateTime.parse("2026-12-04T10:00:00Z");
        return new MessageComposer.TaskFacts(TaskNotifier.Event.TASK_CREATED, TASK.toString(), "RED", "RESCUE", "C1",
                "王女士", "周总", "周总", "SENIOR_MANAGER", created, created.plusHours(24), created.plusHours(2),
                new TaskReason(93, "DECIDED", List.of(new TaskReason.Signal("HIGH_RISK_KEYWORD", "said \"解约\"")),
                        List.of(evidence)), List.of("亲自致电客户"), null);
    }

    @Test
    void theEmailLinksIntoTheConsoleWithAnAcknowledgeButtonInsteadOfAnApiCall() {
        MessageComposer.TaskFacts t = facts("到期我们就解约");
        String text = COMPOSER.body(t);
        String html = COMPOSER.html(t);
        assertTrue(text.contains(ConsoleLinks.placeholder(TASK) + "&do=acknowledge"), text);
        assertFalse(text.contains("POST /api"), text);
        assertTrue(html.contains("href=\"" + ConsoleLinks.placeholder(TASK) + "&amp;do=acknowledge\""), html);
        assertTrue(html.contains("确认接收 Acknowledge"));
        assertTrue(html.contains("2026-12-05 18:00"), "the due date in Asia/Shanghai");
    }

    @Test
    void customerWordsAreEscapedInTheHtmlPart() {
        String html = COMPOSER.html(facts("<script>alert(1)</script><img src=x onerror=\"x\">解约"));
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;x&quot;&gt;解约"));
    }

    @Test
    void aDigestListsWhatItIsGivenAndCountsTheRest() {
        List<MessageComposer.DigestItem> listed = new java.util.ArrayList<>();
        listed.add(new MessageComposer.DigestItem("red one", "http://console/tasks/r"));
        for (int i = 0; i < MessageComposer.DIGEST_LISTED - 1; i++) {
            listed.add(new MessageComposer.DigestItem("orange " + i, "http://console/tasks/o" + i));
        }
        MessageComposer.Digest digest = new MessageComposer.Digest(71, 1, listed);

        String text = COMPOSER.digestBody(digest);
        String html = COMPOSER.digestHtml(digest);

        assertTrue(text.contains("1. red one\n   http://console/tasks/r"), text);
        assertTrue(text.contains("50. orange 48"), text);
        assertTrue(text.contains("21 more tasks are in your queue"), text);
        assertTrue(html.contains("<a href=\"http://console/tasks/r\">red one</a>"), html);
        assertTrue(html.contains("21 more tasks are in your queue"), html);
        assertTrue(COMPOSER.digestSubject(digest).startsWith("[71 个任务 / tasks · 1 RED]"));
        assertFalse(COMPOSER.digestBody(new MessageComposer.Digest(2, 0, listed.subList(0, 2))).contains("more tasks"));
        assertTrue(COMPOSER.digestSubject(new MessageComposer.Digest(2, 0, listed.subList(0, 2))).startsWith("[2 个任务 / tasks]"));
    }
}
