package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.customer.CustomerProfile;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Tells a task's people of what happened to it, in the caller's transaction. The task package says what is told and
 * to whom; the notify package, which implements this, composes the messages and delivers them.
 */
public interface TaskNotifier {

    /** What a task's notification tells of. */
    enum Event { TASK_CREATED, TASK_UPGRADED, TASK_ASSIGNED, TASK_REASSIGNED, TASK_ESCALATED }

    /** The person told: the assignee, or whoever the task is escalated or reassigned to. */
    record Recipient(String name, String role, String email) {
        public static Recipient assigneeOf(Task task) {
            return new Recipient(task.assigneeName, task.assigneeRole, task.assigneeEmail);
        }
    }

    /** @param missed "acknowledged", "resolved" or both, in the order they were missed */
    record Escalation(int level, List<String> missed) {
    }

    /**
     * @param escalation for {@link Event#TASK_ESCALATED}, else null
     * @param tryNow     make the e-mail's first attempt now (the mail server's answer comes back on this context)
     */
    Uni<Void> tell(Task task, Event event, Recipient to, CustomerProfile profile, Escalation escalation, boolean tryNow);
}
