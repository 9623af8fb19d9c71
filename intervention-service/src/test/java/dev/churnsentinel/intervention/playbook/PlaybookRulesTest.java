package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.churnsentinel.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookRulesTest {
    static Playbooks defaults() throws IOException {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .readValue(PlaybookRulesTest.class.getResourceAsStream("/playbooks/default.json"), Playbooks.class);
    }

    @Test
    void theShippedPlaybooksAreValid() throws IOException {
        assertEquals(List.of(), PlaybookRules.problems(defaults()));
        assertEquals(List.of("REGIONAL_DIRECTOR", "GENERAL_MANAGER"), defaults().tiers().get(Tier.RED).escalationRoles());
    }

    @Test
    void everyProblemIsNamedByItsField() throws IOException {
        Playbooks base = defaults();
        EnumMap<Tier, Playbooks.TierPlaybook> tiers = new EnumMap<>(base.tiers());
        Playbooks.TierPlaybook red = tiers.get(Tier.RED);
        tiers.put(Tier.RED, new Playbooks.TierPlaybook("rescue", Duration.ofHours(2), Duration.ofHours(3), "",
                "regional director", red.escalationChain(), red.onEscalation(), false, List.of(" ")));
        tiers.remove(Tier.YELLOW);
        List<String> fields = PlaybookRules.problems(new Playbooks(null, tiers, base.variants())).stream()
                .map(FieldError::field).toList();
        assertEquals(List.of("tiers.YELLOW", "tiers.RED.kind", "tiers.RED.acknowledgeWithin", "tiers.RED.assigneeRole",
                "tiers.RED.escalateTo", "tiers.RED.guidance[0]"), fields);
    }

    @Test
    void aChainNeedsItsFirstRoleAndWindowsMustBePositive() throws IOException {
        Playbooks base = defaults();
        EnumMap<Tier, Playbooks.TierPlaybook> tiers = new EnumMap<>(base.tiers());
        tiers.put(Tier.ORANGE, new Playbooks.TierPlaybook("INTERVENE", Duration.ZERO, Duration.ofSeconds(-1),
                "ACCOUNT_MANAGER", null, List.of("SENIOR_MANAGER"), null, null, List.of("call")));
        List<FieldError> problems = PlaybookRules.problems(new Playbooks(null, tiers, base.variants()));
        assertEquals(List.of("tiers.ORANGE.due", "tiers.ORANGE.acknowledgeWithin", "tiers.ORANGE.escalationChain"),
                problems.stream().map(FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("PT24H"));
    }
}
