package dev.churnsentinel.intervention.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import dev.churnsentinel.intervention.JsonColumns;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a task's audit trail: what happened, when, by whom (a person, or {@code system}). */
@Entity
@Table(name = "task_event")
public class TaskEvent extends PanacheEntityBase {
    public static final String SYSTEM = "system";

    /** Taken from the column's own sequence, 50 at a time (it counts in steps of 50), so inserts can be batched. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_event_ids")
    @SequenceGenerator(name = "task_event_ids", sequenceName = "task_event_id_seq", allocationSize = 50)
    public Long id;
    public String tenant;
    @Column(name = "task_id")
    public UUID taskId;
    public OffsetDateTime at;
    public String actor;
    /**
     * CREATED, UPGRADED, TIER_IMPROVED, ASSIGNED, ACKNOWLEDGED, STARTED, REASSIGNED, COMMENTED, ESCALATED, RESOLVED,
     * CANCELLED, ERASED (the customer was erased: the task anonymised).
     */
    public String type;
    /** What changed, as a JSON object. */
    @ColumnTransformer(read = "cast(detail as text)", write = JsonColumns.WRITE)
    public String detail;
}
