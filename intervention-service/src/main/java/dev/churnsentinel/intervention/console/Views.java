package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.customer.Assignee;
import dev.churnsentinel.intervention.report.RetentionQueries;
import dev.churnsentinel.intervention.report.RetentionReport;
import dev.churnsentinel.intervention.notify.Notification;
import dev.churnsentinel.intervention.task.Task;
import dev.churnsentinel.intervention.task.TaskLifecycle;
import dev.churnsentinel.intervention.task.TaskReason;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the console's templates render: plain records, times already in the tenant's time zone. */
public final class Views {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Views() {
    }

    /** One task in a list, with its SLA chip. */
    public record TaskRow(String id, String tier, String customerId, String customerName, String kind, String status,
                          String assignee, int escalationLevel, String escalatedTo, String deadline, String deadlineAt,
                          String startAt, String deadlineLocal, String chip, String chipText, boolean overdue) {
        public String customer() {
            return customerName == null ? customerId : customerName + " · " + customerId;
        }

        /** Whether the customer was erased at their request: the task keeps an anonymous id and nothing of theirs. */
        public boolean erased() {
            return customerId.startsWith(dev.churnsentinel.intervention.erasure.Erasures.ANONYMOUS_PREFIX);
        }

        public String statusKey() {
            return "status_" + status;
        }

        public String deadlineKey() {
            return "deadline_" + deadline;
        }
    }

    /** The queue's filter, as it is in the URL. */
    public record Filter(String scope, String tier, String status, String kind, boolean overdue, String assignee) {
        public String query() {
            StringBuilder q = new StringBuilder("scope=").append(scope);
            append(q, "tier", tier);
            append(q, "status", status);
            append(q, "kind", kind);
            append(q, "assignee", assignee);
            if (overdue) {
                q.append("&overdue=true");
            }
            return q.toString();
        }

        private static void append(StringBuilder q, String name, String value) {
            if (value != null) {
                q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    public record QueuePage(Filter filter, List<String> scopes, List<TaskRow> rows, long total, String now) {
        public List<String> tiers() {
            return List.of("RED", "ORANGE", "YELLOW");
        }

        public List<String> statuses() {
            return List.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "CANCELLED");
        }

        public List<String> kinds() {
            return List.of("RESCUE", "INTERVENE", "CARE", "EXIT_SURVEY");
        }

        public String scopeKey(String scope) {
            return "scope_" + scope;
        }

        public String statusKey(String status) {
            return "status_" + status;
        }
    }

    /** A quote of the customer, cut into plain and marked pieces. */
    public record Quote(List<Highlights.Piece> pieces, String categories) {
    }

    public record SignalView(String code, String detail) {
    }

    public record DimensionView(String name, int weight, double score, List<SignalView> signals) {
        public int bar() {
            return (int) Math.round(Math.max(0, Math.min(100, score)));
        }
    }

    /**
     * The codes of the audit trail and the notification list that the console names in the viewer's language: the
     * message keys of {@link Msg} of these kinds (a prefix and the code); a code without one shows as it is.
     */
    static final Set<String> LABELS = java.util.Arrays.stream(Msg.class.getDeclaredMethods())
            .filter(m -> m.getParameterCount() == 0).map(java.lang.reflect.Method::getName)
            .filter(key -> java.util.stream.Stream.of("actor_", "audit_", "channel_", "event_", "delivery_")
                    .anyMatch(key::startsWith))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The message key that names {@code code} of the kind {@code prefix}, or null when the console has none. */
    static String label(String prefix, String code) {
        return code != null && LABELS.contains(prefix + code) ? prefix + code : null;
    }

    public record AuditLine(String at, String actor, String type, String detail) {
        public String actorKey() {
            return label("actor_", actor);
        }

        public String typeKey() {
            return label("audit_", type);
        }
    }

    /**
     * A notification as the task page lists it. An e-mail carried by a digest says where the digest stands: waiting to
     * go out at {@code digestAt} ({@code digestStatus} HELD), sent at {@code digestAt}, or as any e-mail (PENDING,
     * RETRYING, FAILED).
     */
    public record NotificationLine(String at, String channel, String recipient, String event, String status, int attempt,
                                   String error, String digestStatus, String digestAt) {
        public boolean digestWaits() {
            return waits(digestStatus);
        }

        public boolean digestSent() {
            return "SENT".equals(digestStatus);
        }

        public String channelKey() {
            return label("channel_", channel);
        }

        public String eventKey() {
            return label("event_", event);
        }

        public String statusKey() {
            return label("delivery_", status);
        }

        public String digestStatusKey() {
            return label("delivery_", digestStatus);
        }
    }

    /** Whether a digest in {@code status} still waits to go out. */
    private static boolean waits(String status) {
        return "HELD".equals(status);
    }

    /** {@code n} as the task page lists it; {@code digest}: the digest that carries it, or null. */
    public static NotificationLine notification(Notification n, Notification digest, ZoneId zone) {
        return new NotificationLine(when(n.at, zone), n.channel, n.recipient, n.event, n.status, n.attempt, n.lastError,
                digest == null ? null : digest.status,
                digest == null ? null : when(waits(digest.status) ? digest.nextAttemptAt : digest.at, zone));
    }

    /** The score as the page shows it; {@code live} false when it comes from the task (scoring could not be read). */
    public record Score(double riskScore, String tier, String stage, List<DimensionView> dimensions,
                        List<SignalView> floors, String computedAt, boolean live) {
    }

    public record TaskPage(TaskRow task, String createdAt, String acknowledgeBy, String dueAt, String playbook,
                           String assigneeRole, String outcome, String rootCause, String actionsTaken, String cost,
                           String exitReason, List<Quote> words, Score score, Charts.Line history, List<String> guidance,
                           List<AuditLine> audit, List<NotificationLine> notifications, List<Assignee> people,
                           List<String> exitReasons, Set<TaskLifecycle.Action> allowed, String error, String notice,
                           String followUpTaskId, boolean scoringAvailable) {
        public boolean can(String action) {
            return allowed.contains(TaskLifecycle.Action.valueOf(action));
        }

        public boolean exitSurvey() {
            return "EXIT_SURVEY".equals(task.kind());
        }

        public List<String> outcomes() {
            return List.of("RETAINED", "CHURNED", "FALSE_ALARM", "PASSIVE_CHURN");
        }

        public String outcomeKey(String outcome) {
            return "outcome_" + outcome;
        }

        public String noticeKey() {
            return notice;
        }

        /** The tier thresholds' heights in the history chart. */
        public String y(int score) {
            return Charts.y(score);
        }
    }

    /** One entry of a customer's timeline, newest first. */
    public record TimelineEntry(String at, String kind, String tier, String title, List<Quote> words, String link) {
    }

    public record CustomerPage(String customerId, String name, String valueTier, String annualValue, Score score,
                               Charts.Line history, List<Assignee> contacts, List<TimelineEntry> timeline,
                               boolean scoringAvailable) {
    }

    public record TierCount(String tier, String count, int bar) {
    }

    public record AtRiskRow(String customerId, String tier, double riskScore, String stage, String valueTier,
                            String annualValue, double urgency) {
    }

    public record SlaBar(String label, long met, long missed, int metWidth, int missedWidth) {
    }

    /** @param customersPerWeek customers per tier at each week's end (null when scoring cannot be read) */
    public record DashboardPage(List<TierCount> tiers, String valueAtRisk, boolean scoringAvailable,
                                Charts.Stacked customersPerWeek, Charts.Stacked weeks, List<SlaBar> slaByTier, List<SlaBar> slaByPerson,
                                List<RetentionReport.Line> retention, Charts.Bars saveRates, Charts.Bars roi,
                                List<AtRiskRow> atRisk) {
    }

    public record PlaybookRow(String tier, String kind, String due, String acknowledgeWithin, String assigneeRole,
                              String escalateTo, List<String> guidance) {
    }

    public record ModelField(String name, String value) {
    }

    public record ModelPage(String version, String name, List<ModelField> fields, String document, String error,
                            String notice, boolean available) {
    }

    public record PlaybooksPage(int version, List<PlaybookRow> tiers, String document, String error, String notice) {
    }

    /**
     * The tenant's robots and default contacts, the forms to set them, and what the last save or delete said.
     *
     * @param notice a message key of what was done, or null; {@code noticeOf} the robot or role it was done to
     * @param error  why a delete was refused (the API's words), or null
     */
    public record SettingsPage(List<RobotRow> robots, List<ContactRow> contacts, SettingsForm robotForm,
                               SettingsForm contactForm, String notice, String noticeOf, String error) {
        public List<String> formats() {
            return java.util.Arrays.stream(dev.churnsentinel.intervention.WebhookFormat.values()).map(Enum::name).toList();
        }

        public List<String> tiers() {
            return List.of("RED", "ORANGE", "YELLOW", "GREEN");
        }
    }

    /**
     * A robot as the API shows it (address masked, only whether it has a secret).
     *
     * @param tiers     the tiers it is told of; empty for all
     * @param updatedBy who set it last in the console or through the API, when recorded
     */
    public record RobotRow(String name, String format, String url, List<String> tiers, boolean secretSet,
                           boolean configured, String updatedBy) {
    }

    public record ContactRow(String role, String id, String name, String email, boolean configured, String updatedBy) {
    }

    /**
     * A settings form's fields as typed (never a secret), and the API's refusal of each, by field.
     *
     * @param open whether the form shows unfolded (it was just refused, or asked for to replace a setting)
     */
    public record SettingsForm(Map<String, String> values, Set<String> tiers, Map<String, String> errors, boolean open) {
        public static SettingsForm empty() {
            return new SettingsForm(Map.of(), Set.of(), Map.of(), false);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean has(String tier) {
            return tiers.contains(tier);
        }

        /** The form as typed, unfolded, with the API's refusal by field. */
        public SettingsForm refused(Map<String, String> byField) {
            return new SettingsForm(values, tiers, byField, true);
        }

        /** A refusal that names no field of the form. */
        public String otherError() {
            return errors.get("");
        }
    }

    /**
     * What a test message or e-mail got.
     *
     * @param status the robot's HTTP status (0: not reached); null for an e-mail
     * @param tookMs how long the robot took to answer; null for an e-mail
     */
    public record TestAnswer(boolean delivered, Integer status, String response, String error, Long tookMs) {
    }

    /** @param message what happened (a link used, expired, a link on its way), as a message key, or null */
    public record SignInPage(String next, String message, String email, java.util.Locale locale) {
        public String messageKey() {
            return "msg_" + message;
        }
    }

    public static String when(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZoneSameInstant(zone));
    }

    public static TaskRow row(Task t, String customerName, ZoneId zone, Instant now) {
        boolean open = TaskLifecycle.Status.valueOf(t.status).isOpen();
        Countdown.Chip chip = Countdown.of(t.acknowledgedAt != null, t.createdAt.toInstant(), t.acknowledgeBy.toInstant(),
                t.dueAt.toInstant(), now);
        String assignee = t.assigneeName != null ? t.assigneeName : t.assigneeId != null ? t.assigneeId : t.assigneeRole;
        String escalatedTo = t.escalatedToRole == null ? null
                : t.escalatedToName != null ? t.escalatedToName : t.escalatedToRole;
        return new TaskRow(t.id.toString(), t.tier, t.customerId, customerName, t.kind, t.status, assignee,
                t.escalationLevel, escalatedTo, chip.deadline().name(), chip.at().toString(), chip.from().toString(),
                when(chip.at().atOffset(java.time.ZoneOffset.UTC), zone),
                open ? chip.state().name().toLowerCase(java.util.Locale.ROOT) : "done",
                open ? Countdown.text(chip.left()) : "", open && t.dueAt.toInstant().isBefore(now));
    }

    public static Score score(TaskReason reason, String tier) {
        return new Score(reason.riskScore(), tier, reason.stage(), List.of(),
                reason.signals().stream().map(s -> new SignalView(s.code(), s.detail())).toList(), "", false);
    }

    public static Score score(ScoringApi.Health h, ZoneId zone) {
        return new Score(h.riskScore(), h.tier(), h.stage(),
                h.dimensions() == null ? List.of() : h.dimensions().stream().map(d -> new DimensionView(d.name(),
                        (int) Math.round(d.weight() * 100), Math.round(d.score() * 10) / 10.0,
                        d.signals() == null ? List.of() : d.signals().stream().map(s -> new SignalView(s.code(), s.detail())).toList()))
                        .toList(),
                h.overrides() == null ? List.of() : h.overrides().stream()
                        .map(o -> new SignalView(o.rule() + (o.category() == null ? "" : " · " + o.category()), o.detail())).toList(),
                when(h.computedAt(), zone), true);
    }

    /**
     * The customer's words behind the overrides, each feedback once, its phrases marked at their offsets. Overrides of
     * one feedback may quote it in different windows ("…到期我们就解约…"): each phrase is moved into the longest one.
     */
    public static List<Quote> words(List<ScoringApi.Override> overrides) {
        Map<String, java.util.List<ScoringApi.Override>> byFeedback = new java.util.LinkedHashMap<>();
        for (ScoringApi.Override o : overrides == null ? List.<ScoringApi.Override>of() : overrides) {
            if (o.evidence() != null && !o.evidence().isBlank()) {
                byFeedback.computeIfAbsent(o.feedbackId() == null ? o.evidence() : o.feedbackId(), k -> new java.util.ArrayList<>()).add(o);
            }
        }
        List<Quote> quotes = new java.util.ArrayList<>();
        for (List<ScoringApi.Override> group : byFeedback.values()) {
            String text = group.stream().map(ScoringApi.Override::evidence).max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            List<Highlights.Span> spans = new java.util.ArrayList<>();
            for (ScoringApi.Override o : group) {
                int shift = shift(text, o.evidence());
                Integer[] at = o.inEvidence();
                if (at != null && shift >= 0) {
                    spans.add(new Highlights.Span(at[0] + shift, at[1] + shift, o.category()));
                }
            }
            quotes.add(new Quote(Highlights.split(text, spans), String.join(" · ", group.stream()
                    .map(ScoringApi.Override::category).filter(java.util.Objects::nonNull).distinct().toList())));
        }
        return quotes;
    }

    /** Where {@code window} (maybe cut with "…" at either end) starts in {@code text}, as an offset to add; -1: not in it. */
    static int shift(String text, String window) {
        if (window.equals(text)) {
            return 0;
        }
        boolean cutBefore = window.startsWith("…");
        String core = window.substring(cutBefore ? 1 : 0, window.endsWith("…") ? window.length() - 1 : window.length());
        int at = core.isEmpty() ? -1 : text.indexOf(core);
        return at < 0 ? -1 : at - (cutBefore ? 1 : 0);
    }

    /** Quotes without offsets (the task's own evidence, when scoring cannot be read). */
    public static List<Quote> plainWords(List<String> evidence) {
        return evidence.stream().map(text -> new Quote(List.of(new Highlights.Piece(text, null)), "")).toList();
    }

    public static Charts.Line history(List<ScoringApi.HistoryEntry> entries, ZoneId zone) {
        return Charts.line(entries.stream().filter(e -> e.computedAt() != null)
                .sorted(java.util.Comparator.comparing(ScoringApi.HistoryEntry::computedAt))
                .map(e -> new Charts.Point(e.computedAt().toInstant(), e.riskScore(), e.tier(), when(e.computedAt(), zone)))
                .toList());
    }

    public static SlaBar sla(String label, long met, long missed) {
        long total = Math.max(1, met + missed);
        return new SlaBar(label, met, missed, (int) (100 * met / total), (int) (100 * missed / total));
    }

    /** People whose deadlines have come (met or missed); those with every task still ahead are left out. */
    public static List<SlaBar> slaByPerson(List<RetentionQueries.PersonSla> people) {
        return people.stream().filter(p -> p.met() + p.missed() > 0)
                .map(p -> sla(p.person() == null ? "—" : p.person(), p.met(), p.missed())).toList();
    }
}
