package dev.churnsentinel.intervention.console;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may see and act on which tasks in the console. A person is one of the tenant's contacts, known by e-mail:
 * a MEMBER sees the tasks assigned or escalated to them and those of customers they are a contact of (their team);
 * a MANAGER (a contact in one of the manager roles) and an ADMIN (named in configuration) see every task of their
 * tenant, and the team dashboard; only an ADMIN edits playbooks and the scoring model.
 */
public final class Reach {
    public enum Role { MEMBER, MANAGER, ADMIN }

    /** Which tasks the queue shows: mine (assigned or escalated to me), my team's (my customers'), all. */
    public enum Scope { MINE, TEAM, ALL }

    private Reach() {
    }

    public static Role roleOf(Collection<String> contactRoles, boolean admin, Set<String> managerRoles) {
        if (admin) {
            return Role.ADMIN;
        }
        return contactRoles.stream().anyMatch(managerRoles::contains) ? Role.MANAGER : Role.MEMBER;
    }

    public static List<Scope> scopes(Role role) {
        return role == Role.MEMBER ? List.of(Scope.MINE, Scope.TEAM) : List.of(Scope.MINE, Scope.TEAM, Scope.ALL);
    }

    /** The scope asked for, when the role has it; else MINE. */
    public static Scope scope(Role role, String asked) {
        if (asked == null) {
            return Scope.MINE;
        }
        try {
            Scope scope = Scope.valueOf(asked.trim().toUpperCase(Locale.ROOT));
            return scopes(role).contains(scope) ? scope : Scope.MINE;
        } catch (IllegalArgumentException e) {
            return Scope.MINE;
        }
    }

    /**
     * @param myCustomer the person is a contact of the task's customer
     */
    public static boolean canSee(Role role, String email, String assigneeEmail, String escalatedToEmail, boolean myCustomer) {
        return role != Role.MEMBER || same(email, assigneeEmail) || same(email, escalatedToEmail) || myCustomer;
    }

    public static boolean seesDashboard(Role role) {
        return role != Role.MEMBER;
    }

    public static boolean administers(Role role) {
        return role == Role.ADMIN;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }
}
