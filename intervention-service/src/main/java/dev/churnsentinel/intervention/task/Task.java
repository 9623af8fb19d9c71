package dev.churnsentinel.intervention.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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
    @JdbcTypeCode(SqlTypes.JSON)
    public String reason;
    /** The playbook's guidance as {@code {"lines": [...]}} (Hibernate Reactive binds JSON objects, not arrays). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String guidance;
}
