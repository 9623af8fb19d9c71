package dev.churnsentinel.intervention.customer;

/** The person a task is assigned to, in a role; {@code email} may be absent. */
public record Assignee(String id, String name, String role, String email) {
}
