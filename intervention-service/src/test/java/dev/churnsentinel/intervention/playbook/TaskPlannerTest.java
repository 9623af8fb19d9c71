package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.churnsentinel.intervention.playbook.TaskPlanner.Action;
import dev.churnsentinel.intervention.playbook.TaskPlanner.Alert;
import dev.churnsentinel.intervention.playbook.TaskPlanner.OpenTask;
import dev.churnsentinel.intervention.playbook.TaskPlanner.Plan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskPlannerTest {
    static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    static Playbooks playbooks;
    final TaskPlanner planner = new TaskPlanner();

    @BeforeAll
    static void readDefaultPlaybooks() throws IOException {
        playbooks = new ObjectMapper().registerModule(new JavaTimeModule())
                .readValue(TaskPlannerTest.class.getResourceAsStream("/playbooks/default.json"), Playbooks.class);
    }

    @Test
    void redCreatesARescueForTheSeniorManagerDueIn24Hours() {
        Plan plan = planner.plan(new Alert(Tier.RED, false, false), null, playbooks, NOW);
        assertEquals(Action.CREATE, plan.action());
        assertEquals("RESCUE", plan.kind());
        assertEquals("RED_RESCUE", plan.playbook());
        assertEquals("SENIOR_MANAGER", plan.assigneeRole());
        assertEquals(NOW.plus(Duration.ofHours(24)), plan.dueAt());
        assertEquals(NOW.plus(Duration.ofHours(2)), plan.acknowledgeBy());
        assertTrue(plan.guidance().get(1).startsWith("不谈续费，只谈解决问题"));
    }

    @Test
    void orangeIntervenesInThreeDaysAndYellowCaresInSeven() {
        Plan orange = planner.plan(new Alert(Tier.ORANGE, false, false), null, playbooks, NOW);
        assertEquals("INTERVENE", orange.kind());
        assertEquals("ACCOUNT_MANAGER", orange.assigneeRole());
        assertEquals(NOW.plus(Duration.ofDays(3)), orange.dueAt());
        Plan yellow = planner.plan(new Alert(Tier.YELLOW, false, false), null, playbooks, NOW);
        assertEquals("CARE", yellow.kind());
        assertEquals(NOW.plus(Duration.ofDays(7)), yellow.dueAt());
    }

    @Test
    void aWorseTierUpgradesTheOpenTaskWithTheNearerDueDate() {
        OpenTask care = new OpenTask(Tier.YELLOW, NOW.plus(Duration.ofDays(6)));
        Plan plan = planner.plan(new Alert(Tier.RED, false, false), care, playbooks, NOW);
        assertEquals(Action.UPGRADE, plan.action());
        assertEquals("RESCUE", plan.kind());
        assertEquals(NOW.plus(Duration.ofHours(24)), plan.dueAt());

        OpenTask almostDue = new OpenTask(Tier.YELLOW, NOW.plus(Duration.ofHours(3)));
        assertEquals(NOW.plus(Duration.ofHours(3)),
                planner.plan(new Alert(Tier.ORANGE, false, false), almostDue, playbooks, NOW).dueAt());
    }

    @Test
    void anEqualOrBetterTierLeavesTheOpenTaskAlone() {
        OpenTask rescue = new OpenTask(Tier.RED, NOW.plus(Duration.ofHours(20)));
        assertEquals(Action.NONE, planner.plan(new Alert(Tier.RED, false, false), rescue, playbooks, NOW).action());
        assertEquals(Action.NONE, planner.plan(new Alert(Tier.YELLOW, false, false), rescue, playbooks, NOW).action());
    }

    @Test
    void passiveChurnGetsNoRescue() {
        Plan plan = planner.plan(new Alert(Tier.RED, true, false), null, playbooks, NOW);
        assertEquals(Action.NONE, plan.action());
        assertTrue(plan.reason().startsWith("passive churn"));
    }

    @Test
    void priceSensitiveCustomersGetValueFirstGuidance() {
        Plan plan = planner.plan(new Alert(Tier.ORANGE, false, true), null, playbooks, NOW);
        assertTrue(plan.guidance().stream().anyMatch(g -> g.startsWith("价格敏感：不要急于打折")));
    }
}
