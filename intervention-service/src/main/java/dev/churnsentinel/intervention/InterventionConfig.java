package dev.churnsentinel.intervention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

import java.util.List;
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

    /** Kafka topic on which each task's outcome is announced when it is resolved, keyed by tenant and customer. */
    @WithDefault("churnsentinel.task-outcomes.v1")
    String taskOutcomeTopic();

    /** Kafka topic on which each erasure of a customer is confirmed (ErasureStep), keyed by tenant and customer. */
    @WithDefault("churnsentinel.erasures.v1")
    String erasureTopic();

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

    /** Notifications sent at once (e-mails over the mailer's pooled connections, and webhook posts). */
    @WithDefault("8")
    int sendConcurrency();

    /** When a person gets many task e-mails at once (an alert storm), the rest wait and go out as one digest. */
    Digest digest();

    interface Digest {
        /** E-mails a person gets one by one within {@link #window()}; beyond that they wait for the digest. */
        @WithDefault("10")
        int after();

        /** How far back e-mails sent one by one count, and how long the first waiting e-mail waits for its digest. */
        @WithDefault("2m")
        Duration window();
    }

    /** Wait before the first retry; doubled for each further one. */
    @WithDefault("5s")
    Duration retryBackoff();

    /**
     * Fallback contacts per tenant and role, for customers whose profile names nobody in that role:
     * {@code sentinel.intervention.default-contacts.demo.SENIOR_MANAGER.email=...}.
     */
    Map<String, Map<String, DefaultContact>> defaultContacts();

    /**
     * Chat robots and HTTP receivers told of each tenant's tasks, by name:
     * {@code sentinel.intervention.webhooks.demo.ops-room.url=https://oapi.dingtalk.com/robot/send?access_token=...},
     * {@code ...ops-room.format=DINGTALK}, {@code ...ops-room.secret=SEC...}, {@code ...ops-room.tiers=RED,ORANGE}.
     */
    Map<String, Map<String, Webhook>> webhooks();

    /** Integrators' subscriptions ({@code /api/v1/subscriptions}). */
    Subscriptions subscriptions();

    interface Subscriptions {
        /** Whether an endpoint may be plain {@code http://} (a receiver on a private network); else HTTPS only. */
        @WithDefault("false")
        boolean allowPlainHttp();
    }

    interface Webhook {
        /** Where the message is posted (robots carry their access token in it: keep it in a secret). */
        String url();

        @WithDefault("GENERIC")
        WebhookFormat format();

        /** Signing secret: DingTalk's and Feishu's robot signature, or an HMAC-SHA256 header for GENERIC. */
        Optional<String> secret();

        /** Tiers to tell; all when absent. */
        Optional<List<String>> tiers();
    }

    /** The business calendar for playbooks whose due dates must fall on working days. */
    Calendar calendar();

    interface Calendar {
        @WithDefault("09:00")
        java.time.LocalTime workingHoursStart();

        @WithDefault("18:00")
        java.time.LocalTime workingHoursEnd();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        List<java.time.DayOfWeek> workingDays();

        /** Public holidays (days off even when they are working weekdays). */
        Optional<List<java.time.LocalDate>> holidays();

        /** Make-up working days (调休): weekend days that are working days. */
        Optional<List<java.time.LocalDate>> makeUpDays();
    }

    /** How often the SLA clock looks for tasks whose acknowledge or due window has passed. */
    @WithDefault("1s")
    Duration escalationInterval();

    /** Link to a task in the tenant's own tool, with {id} for the task id; shown in e-mails and IM cards. */
    Optional<String> taskUrl();

    /** Money kept: annual value × margin × remaining lifetime; query parameters of the report can override. */
    Retention retention();

    interface Retention {
        /** Share of a customer's annual value that is profit. */
        @WithDefault("0.3")
        double margin();

        /** Years a retained customer is expected to stay. */
        @WithDefault("3")
        double lifetimeYears();
    }

    /** The manager console under {@code /console}. */
    Console console();

    interface Console {
        /** The console's public address, as links in e-mails and chat cards start. */
        @WithDefault("http://127.0.0.1:8083")
        String baseUrl();

        /** Key (32 characters or more) that signs sign-in links; required in prod. */
        Optional<String> signingKey();

        /** How long a link in a notification or a sign-in e-mail can be used (once). */
        @WithDefault("7d")
        Duration linkValidity();

        /** How long a console session lasts after sign-in. */
        @WithDefault("12h")
        Duration sessionValidity();

        /** Whether the session cookie is Secure (sent over HTTPS only); false only on a local http stack. */
        @WithDefault("true")
        boolean secureCookie();

        /** Contact roles whose people see every task of their tenant and the team dashboard. */
        @WithDefault("SENIOR_MANAGER,REGIONAL_DIRECTOR,GENERAL_MANAGER,CUSTOMER_SUCCESS_DIRECTOR")
        List<String> managerRoles();

        /** E-mail addresses of each tenant's console administrators: {@code ...console.admins.demo=a@x.com,b@x.com}. */
        Map<String, List<String>> admins();

        /** Sign-in e-mails one e-mail address may ask for within a quarter of an hour. */
        @WithDefault("5")
        int signInRequestsPerQuarterHour();

        /** Sign-in e-mails one client address may ask for within a quarter of an hour (an office behind NAT is one). */
        @WithDefault("60")
        int signInRequestsPerClientPerQuarterHour();

        /** Invalid, used or expired links one client address may try within a quarter of an hour. */
        @WithDefault("20")
        int badLinksPerQuarterHour();
    }

    /** How the console reads scores from scoring-service (its REST API, {@code quarkus.rest-client.scoring.url}). */
    Scoring scoring();

    interface Scoring {
        /** An API key with the read role per tenant: {@code ...scoring.api-keys.demo=sk-...}. */
        Map<String, String> apiKeys();
    }

    interface DefaultContact {
        /** Contact id, as the tenant's systems know the person. */
        String id();

        /** Display name. */
        Optional<String> name();

        /** Where notifications go. */
        Optional<String> email();
    }
}
