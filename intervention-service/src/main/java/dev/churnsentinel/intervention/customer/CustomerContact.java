package dev.churnsentinel.intervention.customer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The person who plays a role (ACCOUNT_MANAGER, SENIOR_MANAGER, ...) for one customer. */
@Entity
@Table(name = "customer_contact")
public class CustomerContact extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenant;
    @Column(name = "customer_id")
    public String customerId;
    public String role;
    @Column(name = "contact_id")
    public String contactId;
    public String name;
    public String email;
    public String phone;
}
