package dev.churnsentinel.intervention;

import dev.churnsentinel.intervention.TenantSettings.Sourced;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantSettingsTest {

    @Test
    void theApisEntryWinsAndConfigurationFillsTheKeysTheApiHasNotSet() {
        SortedMap<String, Sourced<String>> merged = TenantSettings.merge(
                Map.of("ops-room", "api ops", "new", "api new"),
                Map.of("ops-room", "config ops", "legacy", "config legacy"));
        assertEquals(List.of("legacy", "new", "ops-room"), List.copyOf(merged.keySet()), "every key of either, in order");
        assertEquals(new Sourced<>("api ops", TenantSettings.API), merged.get("ops-room"));
        assertEquals(new Sourced<>("api new", TenantSettings.API), merged.get("new"));
        assertEquals(new Sourced<>("config legacy", TenantSettings.CONFIG), merged.get("legacy"));
        assertEquals(Map.of("legacy", "config legacy", "new", "api new", "ops-room", "api ops"), TenantSettings.values(merged));
    }

    @Test
    void withNothingSetThroughTheApiConfigurationIsAllThereIs() {
        SortedMap<String, Sourced<String>> merged = TenantSettings.merge(Map.of(), Map.of("SENIOR_MANAGER", "sm"));
        assertEquals(Map.of("SENIOR_MANAGER", new Sourced<>("sm", TenantSettings.CONFIG)), merged);
        assertEquals(Map.of(), TenantSettings.merge(Map.of(), Map.of()));
    }
}
