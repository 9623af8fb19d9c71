package dev.churnsentinel.intervention.playbook;

import dev.churnsentinel.platform.problem.Problem.FieldError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What makes a playbook document usable; every problem is named by its field path. */
public final class PlaybookRules {
    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /** Why a value is not a role. */
    public static final String ROLE_MESSAGE = "must be a role such as SENIOR_MANAGER";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Tier[] ACTED_ON = {Tier.YELLOW, Tier.ORANGE, Tier.RED};

    private PlaybookRules() {
    }

    /** Whether the value is a contact role as playbooks and customers' profiles name them: an upper-case code. */
    public static boolean isRole(String value) {
        return value != null && ROLE.matcher(value).matches();
    }

    public static List<FieldError> problems(Playbooks playbooks) {
        List<FieldError> errors = new ArrayList<>();
        if (playbooks.tiers() == null) {
            errors.add(new FieldError("tiers", "must give the YELLOW, ORANGE and RED playbooks"));
            return errors;
        }
        for (Tier tier : ACTED_ON) {
            Playbooks.TierPlaybook playbook = playbooks.tiers().get(tier);
            String at = "tiers." + tier;
            if (playbook == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            if (playbook.kind() == null || !CODE.matcher(playbook.kind()).matches()) {
                errors.add(new FieldError(at + ".kind", "must be an upper-case code such as RESCUE"));
            }
            windows(errors, at, playbook.due(), playbook.acknowledgeWithin());
            role(errors, at + ".assigneeRole", playbook.assigneeRole(), true);
            role(errors, at + ".escalateTo", playbook.escalateTo(), false);
            for (int i = 0; i < playbook.escalationChain().size(); i++) {
                role(errors, at + ".escalationChain[" + i + "]", playbook.escalationChain().get(i), true);
            }
            if (!playbook.escalationChain().isEmpty() && (playbook.escalateTo() == null || playbook.escalateTo().isBlank())) {
                errors.add(new FieldError(at + ".escalationChain", "needs escalateTo, the first role of the chain"));
            }
            lines(errors, at + ".guidance", playbook.guidance());
        }
        if (playbooks.tiers().containsKey(Tier.GREEN)) {
            errors.add(new FieldError("tiers.GREEN", "GREEN customers get routine care, not tasks"));
        }
        Playbooks.ExitSurvey exit = playbooks.exitSurvey();
        if (exit != null) {
            String at = "variants.exitSurvey";
            windows(errors, at, exit.due(), exit.acknowledgeWithin());
            role(errors, at + ".assigneeRole", exit.assigneeRole(), true);
            role(errors, at + ".escalateTo", exit.escalateTo(), false);
            lines(errors, at + ".guidance", exit.guidance());
            if (exit.reasonCodes().isEmpty()) {
                errors.add(new FieldError(at + ".reasonCodes", "must list the exit reasons a survey can record"));
            }
            for (int i = 0; i < exit.reasonCodes().size(); i++) {
                if (exit.reasonCodes().get(i) == null || !CODE.matcher(exit.reasonCodes().get(i)).matches()) {
                    errors.add(new FieldError(at + ".reasonCodes[" + i + "]", "must be an upper-case code such as PRICE"));
                }
            }
        }
        return errors;
    }

    private static void windows(List<FieldError> errors, String at, Duration due, Duration acknowledgeWithin) {
        if (due == null || due.isNegative() || due.isZero()) {
            errors.add(new FieldError(at + ".due", "must be a positive ISO-8601 duration such as PT24H"));
        }
        if (acknowledgeWithin == null || acknowledgeWithin.isNegative() || acknowledgeWithin.isZero()) {
            errors.add(new FieldError(at + ".acknowledgeWithin", "must be a positive ISO-8601 duration such as PT2H"));
        } else if (due != null && acknowledgeWithin.compareTo(due) > 0) {
            errors.add(new FieldError(at + ".acknowledgeWithin", "must not be longer than due"));
        }
    }

    private static void role(List<FieldError> errors, String field, String role, boolean required) {
        if (role == null || role.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (!ROLE.matcher(role).matches()) {
            errors.add(new FieldError(field, ROLE_MESSAGE));
        }
    }

    private static void lines(List<FieldError> errors, String field, List<String> lines) {
        if (lines.isEmpty()) {
            errors.add(new FieldError(field, "must give at least one line of guidance"));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null || lines.get(i).isBlank()) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
            } else if (lines.get(i).length() > 1000) {
                errors.add(new FieldError(field + "[" + i + "]", "must be at most 1000 characters"));
            }
        }
    }
}
