package dev.churnsentinel.intervention.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a task's audit trail: what happened, when, by whom (a person, or {@code system}). */
@Entity
@Table(name = "task_event")
public class TaskEvent extends PanacheEntityBase {
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenant;
    @Column(name = "task_id")
    public UUID taskId;
    public OffsetDateTime at;
    public String actor;
    /** CREATED, UPGRADED, TIER_IMPROVED, ASSIGNED, ACKNOWLEDGED, STARTED, REASSIGNED, COMMENTED, ESCALATED, RESOLVED, CANCELLED. */
    public String type;
    /** What changed, as a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String detail;
}
