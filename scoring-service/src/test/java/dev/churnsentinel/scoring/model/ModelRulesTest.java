package dev.churnsentinel.scoring.model;

import dev.churnsentinel.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelRulesTest {
    @Test
    void bothPresetsAreValid() {
        assertEquals(List.of(), ModelRules.problems(ModelConfig.defaults()));
        assertEquals(List.of(), ModelRules.problems(ModelConfig.vocHealth()));
    }

    @Test
    void weightsMustAddUpToOneAndTiersMustBeInOrder() {
        ModelConfig broken = ModelConfig.defaults().toBuilder().behaviourWeight(0.5).yellowFrom(80)
                .pointsPerMissedAppointment(-1).floorMissedAppointmentsInRow(0).npsDetractorMax(11).build();
        assertEquals(List.of("behaviourWeight", "yellowFrom", "pointsPerMissedAppointment", "floorMissedAppointmentsInRow",
                "npsDetractorMax"), ModelRules.problems(broken).stream().map(FieldError::field).toList());
    }
}
