package dev.churnsentinel.intervention.task;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.ids.CustomerIds;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.Map;

/** The filters and orders of {@code GET /api/v1/tasks}, read strictly (a value it does not take is a 400). */
public class TaskListParameters {
    static final List<String> TIERS = List.of("GREEN", "YELLOW", "ORANGE", "RED");
    static final List<String> KINDS = List.of("RESCUE", "INTERVENE", "CARE", "EXIT_SURVEY");
    static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "CANCELLED");
    private static final Map<String, Keyset<Task>> SORTS = Map.of("dueAt", TaskQueries.BY_DUE,
            "updatedAt", TaskQueries.BY_UPDATE, "createdAt", TaskQueries.BY_CREATION);

    @QueryParam("customerId")
    @Parameter(description = "Only this customer's tasks")
    String customerId;

    @QueryParam("tier")
    @Parameter(description = "One tier or a comma-separated list: GREEN, YELLOW, ORANGE, RED")
    String tier;

    @QueryParam("kind")
    @Parameter(description = "One kind or a comma-separated list: RESCUE, INTERVENE, CARE, EXIT_SURVEY")
    String kind;

    @QueryParam("status")
    @Parameter(description = "One status or a comma-separated list: OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CANCELLED")
    String status;

    @QueryParam("assigneeId")
    @Parameter(description = "Only tasks assigned to this person")
    String assigneeId;

    @QueryParam("overdue")
    @Parameter(description = "true: open tasks past their due time; false: every other task",
            schema = @Schema(type = SchemaType.BOOLEAN))
    String overdue;

    @QueryParam("escalated")
    @Parameter(description = "true: tasks escalated at least once; false: never escalated",
            schema = @Schema(type = SchemaType.BOOLEAN))
    String escalated;

    @QueryParam("createdSince")
    @Parameter(description = "Created at or after this time (ISO-8601 with offset, or a date meaning 00:00 UTC)")
    String createdSince;

    @QueryParam("createdBefore")
    @Parameter(description = "Created before this time")
    String createdBefore;

    @QueryParam("updatedSince")
    @Parameter(description = "Changed at or after this time: what a sync asks for, with sort=updatedAt")
    String updatedSince;

    @QueryParam("updatedBefore")
    @Parameter(description = "Changed before this time")
    String updatedBefore;

    @QueryParam("sort")
    @Parameter(description = "dueAt (default: soonest due first), updatedAt (least recently changed first) or createdAt (oldest first)")
    String sort;

    TaskQueries.Filter filter() {
        QueryValues.Period created = QueryValues.period("created", createdSince, createdBefore);
        QueryValues.Period updated = QueryValues.period("updated", updatedSince, updatedBefore);
        return new TaskQueries.Filter(customerId == null || customerId.isBlank() ? null : CustomerIds.check("customerId", customerId.trim()), QueryValues.anyOf("tier", tier, TIERS),
                QueryValues.anyOf("kind", kind, KINDS), QueryValues.anyOf("status", status, STATUSES),
                QueryValues.text("assigneeId", assigneeId, 200), QueryValues.bool("overdue", overdue),
                QueryValues.bool("escalated", escalated), created, updated);
    }

    Keyset<Task> order() {
        return QueryValues.choice("sort", sort, SORTS, "dueAt");
    }
}
