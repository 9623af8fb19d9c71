package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.platform.auth.ApiKeys;
import dev.churnsentinel.platform.problem.Problem;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How an API key made through the API looks, and what a request for one may ask. */
public final class KeyRules {
    static final int MAX_NAME = 100;
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(30);
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int PREFIX_LENGTH = 8;
    /** 32 characters of 62: about 190 bits. */
    private static final int SECRET_LENGTH = 32;

    private KeyRules() {
    }

    /** A new key, its prefix (which names it in lists: {@code csk_} and 8 characters) and its SHA-256. */
    public record NewKey(String key, String prefix, byte[] sha256) {
    }

    public static NewKey mint(SecureRandom random) {
        String prefix = "csk_" + characters(random, PREFIX_LENGTH);
        String key = prefix + "_" + characters(random, SECRET_LENGTH);
        return new NewKey(key, prefix, ApiKeys.sha256(key));
    }

    private static String characters(SecureRandom random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** What is wrong with a request for a key, field by field; empty when nothing is. */
    public static List<Problem.FieldError> check(String name, List<String> roles) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new Problem.FieldError("name", "must not be blank: say who or what uses the key, e.g. crm-sync"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError("name", "must not contain control characters"));
        }
        if (roles == null || roles.isEmpty()) {
            errors.add(new Problem.FieldError("roles", "must name at least one of " + sorted(ApiKeys.ROLES)));
        } else {
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i) == null || !ApiKeys.ROLES.contains(roles.get(i))) {
                    errors.add(new Problem.FieldError("roles[" + i + "]", "must be one of " + sorted(ApiKeys.ROLES)));
                }
            }
        }
        return errors;
    }

    /** The roles asked for, each once, in a stable order. */
    static Set<String> roles(List<String> roles) {
        return new LinkedHashSet<>(roles.stream().sorted().toList());
    }

    /**
     * How long the old key of a rotation keeps working beside the new one: an ISO-8601 duration such as {@code PT24H},
     * from zero (the old key stops at once) to 30 days; 24 hours when not given.
     */
    public static Duration overlap(String overlap, List<Problem.FieldError> errors) {
        if (overlap == null || overlap.isBlank()) {
            return DEFAULT_OVERLAP;
        }
        try {
            Duration parsed = Duration.parse(overlap.trim());
            if (parsed.isNegative() || parsed.compareTo(MAX_OVERLAP) > 0) {
                errors.add(new Problem.FieldError("overlap", "must be between PT0S and P30D"));
            }
            return parsed;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("overlap", "must be an ISO-8601 duration such as PT24H"));
            return DEFAULT_OVERLAP;
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
