package dev.churnsentinel.intervention.integration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An integrator's endpoint of a tenant, told of the events it names, signed with its secret. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    public String url;
    /** Comma-separated {@link IntegrationEvents.Event} names. */
    public String events;
    public String secret;
    public String description;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;

    public Set<String> eventSet() {
        return Arrays.stream(events.split(",")).collect(Collectors.toUnmodifiableSet());
    }
}
