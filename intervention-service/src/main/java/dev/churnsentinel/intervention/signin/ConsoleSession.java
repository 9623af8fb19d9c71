package dev.churnsentinel.intervention.signin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A signed-in person of the console; the row's key is the SHA-256 of the cookie's random id. */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {
    @Id
    @Column(name = "id_hash")
    public String idHash;
    public String tenant;
    public String email;
    public String name;
    /** The console role (Reach.Role) the person had when the session began. */
    public String role;
    public String csrf;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
