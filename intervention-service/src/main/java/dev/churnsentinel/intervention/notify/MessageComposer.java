package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.task.TaskNotifier.Escalation;
import dev.churnsentinel.intervention.task.TaskNotifier.Event;
import dev.churnsentinel.intervention.task.TaskReason;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes what a manager receives for a task: bilingual, the deadline in their time zone, why (the customer's own
 * words first), and what to do. An e-mail in full; a short markdown card for chat robots.
 */
public final class MessageComposer {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final int CARD_SIGNALS = 3;
    private static final int CARD_GUIDANCE = 2;

    /** One task e-mail a digest lists: its subject, and the task's console address. */
    public record DigestItem(String subject, String url) {
    }

    /**
     * What a digest says: how many task e-mails it carries, how many of them for RED tasks, and those it lists (at most
     * {@value #DIGEST_LISTED}), most urgent first.
     */
    public record Digest(int carried, int red, List<DigestItem> listed) {
    }

    private final ZoneId zone;
    private final String taskUrl;

    /** @param taskUrl link to a task with {@code {id}} in it, or null */
    public MessageComposer(ZoneId zone, String taskUrl) {
        this.zone = zone;
        this.taskUrl = taskUrl;
    }

    /**
     * The facts of one task that a message needs.
     *
     * @param recipientName who the e-mail greets (the assignee, or the person escalated to)
     * @param escalation    for TASK_ESCALATED: the level and what was missed; else null
     */
    public record TaskFacts(Event event, String taskId, String tier, String kind, String customerId, String customerName,
                            String recipientName, String assigneeName, String assigneeRole, OffsetDateTime createdAt,
                            OffsetDateTime dueAt, OffsetDateTime acknowledgeBy, TaskReason reason, List<String> guidance,
                            Escalation escalation) {
    }

    public String subject(TaskFacts t) {
        return "[" + t.tier() + " · " + t.kind() + "] " + customer(t) + " — " + headline(t)
                + "截止 / due " + when(t.dueAt());
    }

    public String body(TaskFacts t) {
        StringBuilder b = new StringBuilder();
        String name = t.recipientName() == null ? "" : t.recipientName();
        b.append(name).append("，您好 / Hello ").append(name).append(",\n\n");
        if (t.escalation() != null) {
            String assignee = t.assigneeName() == null ? t.assigneeRole() : t.assigneeName() + " (" + t.assigneeRole() + ")";
            b.append("此任务未能按时").append(missedZh(t.escalation())).append("，现上报给您（第 ").append(t.escalation().level())
                    .append(" 级）。负责人：").append(assignee).append("。\n");
            b.append("This task was not ").append(String.join(" or ", t.escalation().missed()))
                    .append(" in time and is escalated to you (level ").append(t.escalation().level()).append("). Assignee: ")
                    .append(assignee).append(".\n\n");
        } else if (t.event() == Event.TASK_REASSIGNED) {
            b.append("此任务已转派给您。 / This task has been reassigned to you.\n\n");
        }
        b.append("客户 ").append(customer(t)).append(" 的流失风险为 ").append(t.tier())
                .append("（风险分 ").append(t.reason().riskScore()).append("，阶段 ").append(t.reason().stage()).append("），")
                .append("请在 ").append(when(t.dueAt())).append(" 之前完成跟进（")
                .append(hours(t.createdAt(), t.dueAt())).append("）。\n");
        b.append("Customer ").append(customer(t)).append(" is ").append(t.tier()).append(" (risk ")
                .append(t.reason().riskScore()).append(", stage ").append(t.reason().stage()).append("): please act by ")
                .append(when(t.dueAt())).append(" (").append(hours(t.createdAt(), t.dueAt())).append(").\n");
        if (t.escalation() == null) {
            String acknowledgeBy = when(t.acknowledgeBy());
            b.append("请在 ").append(acknowledgeBy).append(" 之前确认接收 / Please acknowledge by ").append(acknowledgeBy)
                    .append(":\n  ").append(consoleLink(t)).append("&do=acknowledge\n");
        }
        b.append('\n');
        if (!t.reason().evidence().isEmpty()) {
            b.append("客户原话 / In the customer's words:\n");
            t.reason().evidence().forEach(e -> b.append("  「").append(e).append("」\n"));
            b.append('\n');
        }
        if (!t.reason().signals().isEmpty()) {
            b.append("原因 / Why:\n");
            t.reason().signals().forEach(s -> b.append("  - ").append(s.code()).append(": ").append(s.detail()).append('\n'));
            b.append('\n');
        }
        b.append("行动指引 / What to do:\n");
        for (int i = 0; i < t.guidance().size(); i++) {
            b.append("  ").append(i + 1).append(". ").append(t.guidance().get(i)).append('\n');
        }
        b.append("\n打开任务 / Open the task: ").append(consoleLink(t)).append('\n');
        if (taskUrl != null) {
            b.append("在您的系统中 / In your own tool: ").append(taskUrl.replace("{id}", t.taskId())).append('\n');
        }
        return b.toString();
    }

    /** The title of a chat card. */
    public String cardTitle(TaskFacts t) {
        return "[" + t.tier() + " · " + t.kind() + "] " + customer(t) + (t.event() == Event.TASK_CREATED ? "" : " — " + strip(headline(t)));
    }

    /** A short markdown card for chat robots: who, by when, the customer's words, the top signals, the first steps. */
    public String card(TaskFacts t) {
        StringBuilder b = new StringBuilder();
        String assignee = t.assigneeName() == null ? "—" : t.assigneeName();
        b.append("**风险 / Risk:** ").append(t.reason().riskScore()).append(" · ").append(t.reason().stage()).append('\n');
        b.append("**负责人 / Assignee:** ").append(assignee).append(" (").append(t.assigneeRole()).append(")\n");
        if (t.escalation() != null) {
            b.append("**已上报 / Escalated:** L").append(t.escalation().level()).append(" · ").append(t.recipientName() == null
                    ? "" : t.recipientName()).append(" — 未按时").append(missedZh(t.escalation())).append(" / not ")
                    .append(String.join(" or ", t.escalation().missed())).append(" in time\n");
        } else {
            b.append("**确认 / Acknowledge by:** ").append(when(t.acknowledgeBy())).append('\n');
        }
        b.append("**截止 / Due:** ").append(when(t.dueAt())).append('\n');
        for (String words : t.reason().evidence()) {
            b.append("> 「").append(words).append("」\n");
        }
        List<TaskReason.Signal> signals = t.reason().signals();
        for (int i = 0; i < Math.min(CARD_SIGNALS, signals.size()); i++) {
            b.append("- ").append(signals.get(i).code()).append(": ").append(signals.get(i).detail()).append('\n');
        }
        b.append("**行动指引 / What to do:**\n");
        for (int i = 0; i < Math.min(CARD_GUIDANCE, t.guidance().size()); i++) {
            b.append(i + 1).append(". ").append(t.guidance().get(i)).append('\n');
        }
        if (taskUrl != null) {
            b.append("任务 / Task: ").append(taskUrl.replace("{id}", t.taskId()));
        }
        return b.toString().stripTrailing();
    }

    private String headline(TaskFacts t) {
        return switch (t.event()) {
            case TASK_CREATED, TASK_ASSIGNED -> "";
            case TASK_UPGRADED -> "任务升级 / task upgraded, ";
            case TASK_REASSIGNED -> "转派给您 / reassigned to you, ";
            case TASK_ESCALATED -> "已上报 L" + t.escalation().level() + " / escalated L" + t.escalation().level() + ", ";
        };
    }

    private static String strip(String headline) {
        return headline.endsWith(", ") ? headline.substring(0, headline.length() - 2) : headline;
    }

    private static String missedZh(Escalation escalation) {
        return String.join("或", escalation.missed().stream().map(m -> m.equals("acknowledged") ? "确认" : "完成").toList());
    }

    /** Where the console link goes: a placeholder that becomes a signed link for the recipient when it is sent. */
    private static String consoleLink(TaskFacts t) {
        return ConsoleLinks.placeholder(java.util.UUID.fromString(t.taskId()));
    }

    /**
     * The HTML part of the e-mail: the same facts as {@link #body}, with buttons (links into the console, where the
     * action is confirmed; nothing changes on opening a link). Every value is escaped.
     */
    public String html(TaskFacts t) {
        String colour = switch (t.tier()) {
            case "RED" -> "#c62828";
            case "ORANGE" -> "#ef6c00";
            case "YELLOW" -> "#f9a825";
            default -> "#2e7d32";
        };
        String name = t.recipientName() == null ? "" : t.recipientName();
        StringBuilder h = new StringBuilder("<!doctype html><html><body style=\"margin:0;padding:16px;font-family:-apple-system,"
                + "'PingFang SC','Noto Sans CJK SC',sans-serif;color:#222;max-width:600px\">");
        h.append("<p style=\"margin:0 0 8px\"><span style=\"background:").append(colour)
                .append(";color:#fff;border-radius:4px;padding:2px 8px;font-weight:bold\">").append(esc(t.tier()))
                .append("</span> ").append(esc(t.kind())).append("</p>");
        h.append("<h2 style=\"margin:4px 0 12px;font-size:20px\">").append(esc(customer(t))).append("</h2>");
        h.append("<p>").append(esc(name)).append("，您好 / Hello ").append(esc(name)).append(",</p>");
        if (t.escalation() != null) {
            h.append("<p><b>已上报 L").append(t.escalation().level()).append(" / escalated L").append(t.escalation().level())
                    .append("</b>: 未按时").append(esc(missedZh(t.escalation()))).append(" / not ")
                    .append(esc(String.join(" or ", t.escalation().missed()))).append(" in time</p>");
        } else if (t.event() == Event.TASK_REASSIGNED) {
            h.append("<p>此任务已转派给您。 / This task has been reassigned to you.</p>");
        }
        h.append("<p>风险分 / Risk <b>").append(t.reason().riskScore()).append("</b> · ").append(esc(t.reason().stage()))
                .append("<br>截止 / Due <b>").append(esc(when(t.dueAt()))).append("</b> (").append(esc(hours(t.createdAt(), t.dueAt())))
                .append(")");
        if (t.escalation() == null) {
            h.append("<br>确认 / Acknowledge by <b>").append(esc(when(t.acknowledgeBy()))).append("</b>");
        }
        h.append("</p>");
        for (String words : t.reason().evidence()) {
            h.append("<blockquote style=\"margin:8px 0;padding:8px 12px;border-left:4px solid ").append(colour)
                    .append(";background:#f6f6f6\">「").append(esc(words)).append("」</blockquote>");
        }
        if (!t.reason().signals().isEmpty()) {
            h.append("<ul style=\"padding-left:20px\">");
            t.reason().signals().forEach(sig -> h.append("<li>").append(esc(sig.code())).append(": ").append(esc(sig.detail())).append("</li>"));
            h.append("</ul>");
        }
        h.append("<p style=\"margin:16px 0\">");
        if (t.escalation() == null) {
            h.append(button(consoleLink(t) + "&amp;do=acknowledge", "确认接收 Acknowledge", colour)).append(' ');
        }
        h.append(button(consoleLink(t), "打开任务 Open", "#455a64")).append("</p>");
        h.append("<p><b>行动指引 / What to do</b></p><ol style=\"padding-left:20px\">");
        t.guidance().forEach(g -> h.append("<li>").append(esc(g)).append("</li>"));
        h.append("</ol>");
        h.append("<p style=\"color:#777;font-size:12px\">链接 7 天内有效，仅可使用一次；之后请在管理台用邮箱登录。"
                + " / The buttons sign you in once, for 7 days; after that, sign in with your e-mail.</p>");
        return h.append("</body></html>").toString();
    }

    /** A digest lists this many tasks; the rest are counted, and the queue it links to shows them all. */
    public static final int DIGEST_LISTED = 50;

    /** The subject of a digest while it waits: its own is written when it is formed, from the tasks it carries. */
    static final String WAITING_DIGEST_SUBJECT = "[合并通知 / digest] 汇总稍后到达的任务，到时一并发出 / waiting to carry "
            + "the tasks that follow, in one message";

    public String digestSubject(Digest digest) {
        return "[" + digest.carried() + " 个任务 / tasks" + (digest.red() > 0 ? " · " + digest.red() + " RED" : "")
                + "] 合并通知 / in one message";
    }

    /**
     * A digest: the tasks in order of urgency (RED first), each with its subject and its console address, and one
     * sign-in link to the person's queue (a placeholder until sent, as in every message).
     */
    public String digestBody(Digest digest) {
        StringBuilder b = new StringBuilder();
        b.append("短时间内有多个任务分配给您，合并为一封邮件。/ Many tasks came to you at once; here they are in one message.\n\n");
        b.append("打开我的队列 / Open my queue: ").append(ConsoleLinks.placeholder(null)).append("\n\n");
        List<DigestItem> listed = digest.listed();
        for (int i = 0; i < listed.size(); i++) {
            b.append(i + 1).append(". ").append(listed.get(i).subject()).append("\n   ").append(listed.get(i).url()).append('\n');
        }
        if (listed.size() < digest.carried()) {
            b.append("\n").append(more(digest.carried() - listed.size())).append('\n');
        }
        return b.toString();
    }

    public String digestHtml(Digest digest) {
        StringBuilder h = new StringBuilder("<!doctype html><html><body style=\"margin:0;padding:16px;font-family:-apple-system,"
                + "'PingFang SC','Noto Sans CJK SC',sans-serif;color:#222;max-width:600px\">");
        h.append("<p>短时间内有多个任务分配给您，合并为一封邮件。<br>Many tasks came to you at once; here they are in one message.</p>");
        h.append("<p style=\"margin:16px 0\">").append(button(ConsoleLinks.placeholder(null), "打开我的队列 Open my queue", "#c62828"))
                .append("</p><ol style=\"padding-left:20px\">");
        for (DigestItem item : digest.listed()) {
            h.append("<li style=\"margin:6px 0\"><a href=\"").append(esc(item.url())).append("\">").append(esc(item.subject()))
                    .append("</a></li>");
        }
        h.append("</ol>");
        if (digest.listed().size() < digest.carried()) {
            h.append("<p>").append(esc(more(digest.carried() - digest.listed().size()))).append("</p>");
        }
        return h.append("</body></html>").toString();
    }

    private static String more(int unlisted) {
        return "另有 " + unlisted + " 个任务，请在队列中查看。/ " + unlisted + " more tasks are in your queue.";
    }

    private static String button(String href, String label, String colour) {
        return "<a href=\"" + href + "\" style=\"display:inline-block;background:" + colour + ";color:#fff;text-decoration:none;"
                + "padding:10px 16px;border-radius:6px;font-weight:bold\">" + esc(label) + "</a>";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String when(OffsetDateTime at) {
        return WHEN.format(at.atZoneSameInstant(zone));
    }

    private static String customer(TaskFacts t) {
        return t.customerName() == null ? t.customerId() : t.customerName() + " (" + t.customerId() + ")";
    }

    private static String hours(OffsetDateTime from, OffsetDateTime to) {
        Duration window = Duration.between(from, to);
        long hours = Math.max(0, window.toHours());
        if (hours == 0) {
            return Math.max(0, window.toMinutes()) + " 分钟 / minutes";
        }
        return hours % 24 == 0 && hours >= 48 ? hours / 24 + " 天 / days" : hours + " 小时 / hours";
    }
}
