package dev.churnsentinel.intervention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "sentinel.intervention")
public interface InterventionConfig {
    /** The playbooks document: {@code classpath:playbooks/default.json} or a file path. */
    @WithDefault("classpath:playbooks/default.json")
    String playbooks();

    /** Time zone in which due dates are written in notifications. */
    @WithDefault("Asia/Shanghai")
    String timeZone();

    /** How often the dispatcher looks for notifications to send. */
    @WithDefault("500ms")
    Duration dispatchInterval();

    /**
     * How long a tier change waits for the customer's profile when scoring has seen one and this service has
     * not yet (they travel on different topics), before the task is made with what is here.
     */
    @WithDefault("10s")
    Duration profileWait();

    /** Delivery attempts before a notification is FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Longest wait for the mail server to take one e-mail. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Wait before the first retry; doubled for each further one. */
    @WithDefault("5s")
    Duration retryBackoff();

    /**
     * Fallback contacts per tenant and role, for customers whose profile names nobody in that role:
     * {@code sentinel.intervention.default-contacts.demo.SENIOR_MANAGER.email=...}.
     */
    Map<String, Map<String, DefaultContact>> defaultContacts();

    interface DefaultContact {
        /** Contact id, as the tenant's systems know the person. */
        String id();

        /** Display name. */
        Optional<String> name();

        /** Where notifications go. */
        Optional<String> email();
    }
}
