package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.task.TaskNotifier;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The filters and orders of {@code GET /api/v1/notifications}, read strictly (a value it does not take is a 400). */
public class NotificationListParameters {
    static final List<String> CHANNELS = List.of("EMAIL", "WEBHOOK");
    static final List<String> STATUSES = List.of("PENDING", "SENT", "RETRYING", "FAILED", "HELD", "DIGESTED");
    static final List<String> EVENTS = Stream.concat(Arrays.stream(TaskNotifier.Event.values()).map(Enum::name),
            Stream.of(Notification.DIGEST)).toList();
    private static final Map<String, Keyset<Notification>> SORTS = Map.of("newest", NotificationStore.NEWEST,
            "createdAt", NotificationStore.OLDEST, "updatedAt", NotificationStore.CHANGED);

    @QueryParam("taskId")
    @Parameter(description = "Only this task's notifications")
    String taskId;

    @QueryParam("channel")
    @Parameter(description = "EMAIL or WEBHOOK, or both comma-separated")
    String channel;

    @QueryParam("status")
    @Parameter(description = "One status or a comma-separated list: PENDING, SENT, RETRYING, FAILED, HELD, DIGESTED")
    String status;

    @QueryParam("event")
    @Parameter(description = "One event or a comma-separated list: TASK_CREATED, TASK_UPGRADED, TASK_ASSIGNED, "
            + "TASK_REASSIGNED, TASK_ESCALATED, DIGEST")
    String event;

    @QueryParam("createdSince")
    @Parameter(description = "Queued at or after this time (ISO-8601 with offset, or a date meaning 00:00 UTC)")
    String createdSince;

    @QueryParam("createdBefore")
    @Parameter(description = "Queued before this time")
    String createdBefore;

    @QueryParam("updatedSince")
    @Parameter(description = "Whose status changed at or after this time: what a sync asks for, with sort=updatedAt")
    String updatedSince;

    @QueryParam("updatedBefore")
    @Parameter(description = "Whose status last changed before this time")
    String updatedBefore;

    @QueryParam("sort")
    @Parameter(description = "newest (the default, except with taskId: a task's notifications come oldest first), "
            + "createdAt (oldest first) or updatedAt (least recently changed first)")
    String sort;

    NotificationStore.Filter filter() {
        QueryValues.Period created = QueryValues.period("created", createdSince, createdBefore);
        QueryValues.Period updated = QueryValues.period("updated", updatedSince, updatedBefore);
        return new NotificationStore.Filter(QueryValues.uuid("taskId", taskId),
                QueryValues.anyOf("channel", channel, CHANNELS), QueryValues.anyOf("status", status, STATUSES),
                QueryValues.anyOf("event", event, EVENTS), created, updated);
    }

    Keyset<Notification> order() {
        return QueryValues.choice("sort", sort, SORTS, taskId == null || taskId.isBlank() ? "newest" : "createdAt");
    }
}
