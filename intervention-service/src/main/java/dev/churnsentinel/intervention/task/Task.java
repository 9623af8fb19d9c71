package dev.churnsentinel.intervention.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.playbook.Playbooks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {
    /** Statuses of a task someone still has to act on: at most one per customer. */
    public static final List<String> OPEN_STATUSES = List.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS");

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "customer_id")
    public String customerId;
    public String tier;
    public String kind;
    public String playbook;
    @Column(name = "playbook_version")
    public int playbookVersion;
    public String status;
    @Column(name = "assignee_id")
    public String assigneeId;
    @Column(name = "assignee_name")
    public String assigneeName;
    @Column(name = "assignee_role")
    public String assigneeRole;
    @Column(name = "assignee_email")
    public String assigneeEmail;
    @Column(name = "escalate_to")
    public String escalateTo;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    @Column(name = "acknowledge_by")
    public OffsetDateTime acknowledgeBy;
    @Column(name = "escalation_level")
    public int escalationLevel;
    /** {@link TaskReason} as JSON. */
    @ColumnTransformer(read = "cast(reason as text)", write = JsonColumns.WRITE)
    public String reason;
    /** The playbook's guidance as {@code {"lines": [...]}}. */
    @ColumnTransformer(read = "cast(guidance as text)", write = JsonColumns.WRITE)
    public String guidance;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    public String outcome;
    @Column(name = "root_cause")
    public String rootCause;
    public String actions;
    public BigDecimal cost;
    @Column(name = "exit_reason")
    public String exitReason;
    /** The customer's annual value when the task was resolved. */
    @Column(name = "annual_value")
    public BigDecimal annualValue;
    @Column(name = "ack_escalated_at")
    public OffsetDateTime ackEscalatedAt;
    @Column(name = "due_escalated_at")
    public OffsetDateTime dueEscalatedAt;
    /** {@link Escalation} as JSON: the roles above {@link #escalateTo} and whether escalation shares or reassigns. */
    @ColumnTransformer(read = "cast(escalation as text)", write = JsonColumns.WRITE)
    public String escalation;
    @Column(name = "escalated_to_id")
    public String escalatedToId;
    @Column(name = "escalated_to_name")
    public String escalatedToName;
    @Column(name = "escalated_to_role")
    public String escalatedToRole;
    @Column(name = "escalated_to_email")
    public String escalatedToEmail;

    /** How the task escalates, as its playbook said when the task was planned. */
    public record Escalation(List<String> chain, Playbooks.EscalationMode mode) {
    }

    /** How guidance is stored, as the first release wrote it: an object holding the lines. */
    public record Guidance(List<String> lines) {
    }

    public TaskReason readReason(JsonColumns json) {
        return json.read(reason, TaskReason.class);
    }

    public List<String> readGuidance(JsonColumns json) {
        return json.read(guidance, Guidance.class).lines();
    }

    public Escalation readEscalation(JsonColumns json) {
        return json.read(escalation, Escalation.class);
    }

    public TaskLifecycle.Status lifecycleStatus() {
        return TaskLifecycle.Status.valueOf(status);
    }
}
