package dev.churnsentinel.intervention.customer;

/** A customer of a tenant: what a batch groups its records by. */
public record CustomerKey(String tenant, String customerId) {
}
