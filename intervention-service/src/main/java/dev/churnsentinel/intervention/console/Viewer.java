package dev.churnsentinel.intervention.console;

import java.util.Locale;

/**
 * The signed-in person a console page is rendered for.
 *
 * @param csrf the token every POST of this session must carry in {@code X-CSRF-Token}
 */
public record Viewer(String tenant, String email, String name, Reach.Role role, String csrf, Locale locale) {

    /** How the audit trail names them: never a free-text field. */
    public String actor() {
        return name == null || name.isBlank() ? email : name + " <" + email + ">";
    }

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }

    public boolean seesDashboard() {
        return Reach.seesDashboard(role);
    }

    public boolean administers() {
        return Reach.administers(role);
    }
}
