package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.task.TaskReason;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes what a manager receives for a task: bilingual, the deadline in their time zone, why, and what to do. */
public final class MessageComposer {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private final ZoneId zone;

    public MessageComposer(ZoneId zone) {
        this.zone = zone;
    }

    /** The facts of one task that a message needs. */
    public record TaskFacts(String taskId, String tier, String kind, String customerId, String customerName,
                            String assigneeName, OffsetDateTime createdAt, OffsetDateTime dueAt,
                            OffsetDateTime acknowledgeBy, TaskReason reason, List<String> guidance, boolean upgraded) {
    }

    public String subject(TaskFacts t) {
        return "[" + t.tier() + " · " + t.kind() + "] " + customer(t) + " — "
                + (t.upgraded() ? "任务升级 / task upgraded, " : "") + "截止 / due " + WHEN.format(t.dueAt().atZoneSameInstant(zone));
    }

    public String body(TaskFacts t) {
        StringBuilder b = new StringBuilder();
        String name = t.assigneeName() == null ? "" : t.assigneeName();
        b.append(name).append("，您好 / Hello ").append(name).append(",\n\n");
        b.append("客户 ").append(customer(t)).append(" 的流失风险为 ").append(t.tier())
                .append("（风险分 ").append(t.reason().riskScore()).append("，阶段 ").append(t.reason().stage()).append("），")
                .append("请在 ").append(WHEN.format(t.dueAt().atZoneSameInstant(zone))).append(" 之前完成跟进（")
                .append(hours(t.createdAt(), t.dueAt())).append("）。\n");
        b.append("Customer ").append(customer(t)).append(" is ").append(t.tier()).append(" (risk ")
                .append(t.reason().riskScore()).append(", stage ").append(t.reason().stage()).append("): please act by ")
                .append(WHEN.format(t.dueAt().atZoneSameInstant(zone))).append(" (").append(hours(t.createdAt(), t.dueAt()))
                .append(").\n");
        String acknowledgeBy = WHEN.format(t.acknowledgeBy().atZoneSameInstant(zone));
        b.append("请在 ").append(acknowledgeBy).append(" 之前确认接收 / Please acknowledge by ").append(acknowledgeBy)
                .append(".\n\n");
        if (!t.reason().evidence().isEmpty()) {
            b.append("客户原话 / In the customer's words:\n");
            t.reason().evidence().forEach(e -> b.append("  「").append(e).append("」\n"));
            b.append('\n');
        }
        b.append("原因 / Why:\n");
        t.reason().signals().forEach(s -> b.append("  - ").append(s.code()).append(": ").append(s.detail()).append('\n'));
        b.append("\n行动指引 / What to do:\n");
        for (int i = 0; i < t.guidance().size(); i++) {
            b.append("  ").append(i + 1).append(". ").append(t.guidance().get(i)).append('\n');
        }
        b.append("\n任务 / Task: ").append(t.taskId()).append('\n');
        return b.toString();
    }

    private static String customer(TaskFacts t) {
        return t.customerName() == null ? t.customerId() : t.customerName() + " (" + t.customerId() + ")";
    }

    private static String hours(OffsetDateTime from, OffsetDateTime to) {
        long hours = Math.max(0, Duration.between(from, to).toHours());
        return hours % 24 == 0 && hours >= 48 ? hours / 24 + " 天 / days" : hours + " 小时 / hours";
    }
}
