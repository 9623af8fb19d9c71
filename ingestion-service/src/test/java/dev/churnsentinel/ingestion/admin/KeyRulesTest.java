package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.platform.auth.ApiKeys;
import dev.churnsentinel.platform.problem.Problem;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRulesTest {
    @Test
    void aKeyStartsWithItsPrefixCarriesAboutOneHundredNinetyBitsAndIsStoredAsItsDigest() {
        SecureRandom random = new SecureRandom();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            KeyRules.NewKey key = KeyRules.mint(random);
            assertTrue(key.key().matches("csk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}"), key.key());
            assertTrue(key.key().startsWith(key.prefix() + "_"));
            assertArrayEquals(ApiKeys.sha256(key.key()), key.sha256());
            prefixes.add(key.prefix());
        }
        assertEquals(1000, prefixes.size());
    }

    @Test
    void aRequestNamesEachBadFieldAndWhy() {
        assertEquals(List.of(), KeyRules.check("crm-sync", List.of("ingest", "read")));
        assertEquals(List.of("name", "roles"), fields(KeyRules.check(null, List.of())));
        assertEquals(List.of("name", "roles[1]"), fields(KeyRules.check("x".repeat(101), List.of("read", "root"))));
        assertEquals(List.of("name"), fields(KeyRules.check("tab\there", List.of("read"))));
    }

    @Test
    void anOverlapIsAnIsoDurationFromZeroToThirtyDaysAndTwentyFourHoursWhenAbsent() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertEquals(Duration.ofHours(24), KeyRules.overlap(null, errors));
        assertEquals(Duration.ZERO, KeyRules.overlap("PT0S", errors));
        assertEquals(Duration.ofDays(30), KeyRules.overlap("P30D", errors));
        assertEquals(List.of(), errors);
        KeyRules.overlap("P31D", errors);
        KeyRules.overlap("-PT1H", errors);
        KeyRules.overlap("tomorrow", errors);
        assertEquals(List.of("overlap", "overlap", "overlap"), fields(errors));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
