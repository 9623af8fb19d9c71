package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.task.TaskLifecycle.Action;
import dev.churnsentinel.intervention.task.TaskLifecycle.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskLifecycleTest {
    @Test
    void theHappyPathGoesOpenAcknowledgedInProgressResolved() {
        Status s = TaskLifecycle.after(Status.OPEN, Action.ACKNOWLEDGE);
        assertEquals(Status.ACKNOWLEDGED, s);
        s = TaskLifecycle.after(s, Action.START);
        assertEquals(Status.IN_PROGRESS, s);
        assertEquals(Status.RESOLVED, TaskLifecycle.after(s, Action.RESOLVE));
    }

    @Test
    void startingAnOpenTaskAndResolvingOrCancellingFromAnyOpenStateAreAllowed() {
        assertEquals(Status.IN_PROGRESS, TaskLifecycle.after(Status.OPEN, Action.START));
        for (Status open : new Status[] {Status.OPEN, Status.ACKNOWLEDGED, Status.IN_PROGRESS}) {
            assertEquals(Status.RESOLVED, TaskLifecycle.after(open, Action.RESOLVE));
            assertEquals(Status.CANCELLED, TaskLifecycle.after(open, Action.CANCEL));
            assertEquals(open, TaskLifecycle.after(open, Action.REASSIGN), "reassigning keeps the status");
        }
    }

    @Test
    void closedTasksCannotMoveAndNothingGoesBackwards() {
        for (Status closed : new Status[] {Status.RESOLVED, Status.CANCELLED}) {
            for (Action action : Action.values()) {
                assertThrows(TaskLifecycle.IllegalTransition.class, () -> TaskLifecycle.after(closed, action));
            }
        }
        assertThrows(TaskLifecycle.IllegalTransition.class, () -> TaskLifecycle.after(Status.ACKNOWLEDGED, Action.ACKNOWLEDGE));
        var e = assertThrows(TaskLifecycle.IllegalTransition.class, () -> TaskLifecycle.after(Status.IN_PROGRESS, Action.ACKNOWLEDGE));
        assertTrue(e.getMessage().contains("IN_PROGRESS cannot be acknowledged"), e.getMessage());
    }
}
