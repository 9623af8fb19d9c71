package dev.churnsentinel.intervention.customer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

@Entity
@Table(name = "customer_profile")
public class CustomerProfile extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenant;
    @Column(name = "customer_id")
    public String customerId;
    public String name;
    @Column(name = "value_tier")
    public String valueTier;
    @Column(name = "annual_value")
    public BigDecimal annualValue;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
