package dev.churnsentinel.scoring.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.ids.Ids;
import dev.churnsentinel.inbox.ProcessedRecords;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.platform.store.GroupedInserts;
import dev.churnsentinel.platform.vertx.InOrder;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.Signal;
import dev.churnsentinel.proto.events.v1.TierChanged;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.scoring.model.AlertPolicy;
import dev.churnsentinel.scoring.erasure.CustomerErasure;
import dev.churnsentinel.scoring.erasure.ErasureRequest;
import dev.churnsentinel.scoring.model.Inputs;
import dev.churnsentinel.scoring.quality.SignalLog;
import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.CustomerSignals;
import dev.churnsentinel.scoring.config.ModelStore;
import dev.churnsentinel.scoring.model.RiskModel;
import dev.churnsentinel.scoring.model.SignalUpdater;
import dev.churnsentinel.scoring.model.Tier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one ingested record to its customer: updates the signals, re-assesses, keeps the history and,
 * when the customer enters a worse tier than the one last announced, announces it once (through the outbox,
 * in the same transaction). A record already applied is skipped. An erasure record forgets the customer
 * ({@link CustomerErasure}).
 */
@ApplicationScoped
public class HealthService {
    private final ModelStore models;
    private final SignalUpdater updater;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final ScoringConfig config;
    private final SignalLog log;
    private final CustomerErasure erasure;

    private final MeterRegistry meters;

    public HealthService(Outbox outbox, ObjectMapper json, ScoringConfig config, MeterRegistry meters, ModelStore models,
                         SignalLog log, CustomerErasure erasure) {
        this.models = models;
        this.erasure = erasure;
        this.log = log;
        this.outbox = outbox;
        this.meters = meters;
        // the stored documents leave out what is null (an empty trend was {"baseline":null,"recent":null,...}): each record
        // rewrites the customer's row, and its size is what PostgreSQL compresses, writes and logs each time
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.config = config;
        this.updater = new SignalUpdater(config.baselineSmoothing());
    }

    /**
     * One ingested record, what text-signal found in it (null for anything but feedback with text), and the trace it
     * came with (its Kafka {@code traceparent}, or null), which a tier change it causes continues.
     */
    public record Analysed(IngestRecord record, AnalyzeResponse analysis, String traceParent) {
    }

    /**
     * What set an assessment off, for the tier change it may announce: the trace to continue (the latest record's
     * {@code traceparent}, or null) and when ingestion accepted the earliest of the records (empty when the clock did).
     */
    private record Cause(String traceParent, String acceptedAt) {
        static final Cause CLOCK = new Cause(null, "");

        static Cause of(List<Analysed> records) {
            String earliest = records.stream().map(a -> a.record().getAcceptedAt()).filter(at -> !at.isEmpty())
                    .min(Comparator.comparing(Instant::parse)).orElse("");
            return new Cause(records.get(records.size() - 1).traceParent(), earliest);
        }
    }

    /**
     * Applies a batch of records in one transaction: each record once (the ids are claimed in one statement), each
     * customer's records folded in order into their signals, and each customer scored once, after their last record of
     * the batch — so a burst of events for one customer makes one assessment and at most one announcement. A batch
     * of one is how a single record is applied. What the signals were folded from goes to the {@link SignalLog}. An
     * erasure ({@link CustomerErasure}) applies after the records before it in the batch and before those after it,
     * which start afresh.
     */
    @WithTransaction
    public Uni<Void> applyBatch(List<Analysed> batch) {
        String[] ids = batch.stream().map(a -> a.record().getId()).toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        ProcessedRecords.CLAIM, String.class).setParameter(1, ids).getResultList())
                .flatMap(claimed -> {
                    Set<String> fresh = new HashSet<>(claimed);
                    List<Analysed> toApply = new ArrayList<>();
                    for (Analysed a : batch) {
                        if (fresh.remove(a.record().getId())) { // a record twice in one batch counts once
                            toApply.add(a);
                        }
                    }
                    List<List<Analysed>> parts = ErasureRequest.parts(toApply, a -> a.record().hasErasure());
                    if (parts.size() <= 1) {
                        return InOrder.each(parts, this::applyPart);
                    }
                    // each part written out before the next reads its customers: one found again is the row as written
                    return InOrder.each(parts, part -> applyPart(part).chain(HealthService::flush));
                });
    }

    /** Writes out what the session holds, so the next step's queries find it. */
    private static Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    /** Records in order, the last of which may be an erasure: the others are applied, then the erasure. */
    private Uni<Void> applyPart(List<Analysed> part) {
        Analysed last = part.get(part.size() - 1);
        if (!last.record().hasErasure()) {
            return GroupedInserts.around(() -> applyRecords(part));
        }
        List<Analysed> before = part.subList(0, part.size() - 1);
        // the records before the erasure written out first, so that it finds and erases what they made
        return (before.isEmpty() ? Uni.createFrom().voidItem() : GroupedInserts.around(() -> applyRecords(before))
                .chain(HealthService::flush))
                .chain(() -> erasure.apply(last.record(), last.traceParent()))
                .chain(step -> step == null ? Uni.createFrom().voidItem() : outbox.enqueueAll(List.of(step)));
    }

    private Uni<Void> applyRecords(List<Analysed> records) {
        Map<CustomerHealth.Key, List<Analysed>> byCustomer = new LinkedHashMap<>();
        for (Analysed a : records) {
            byCustomer.computeIfAbsent(new CustomerHealth.Key(a.record().getTenant(), a.record().getCustomerId()),
                    k -> new ArrayList<>()).add(a);
        }
        List<Outbox.Message> announcements = new ArrayList<>();
        List<SignalLog.Row> logged = new ArrayList<>();
        return known(byCustomer.keySet()).flatMap(existing -> InOrder.each(byCustomer.entrySet(), customer -> {
            List<Analysed> ofCustomer = customer.getValue();
            CustomerHealth known = existing.get(customer.getKey());
            CustomerHealth health = known != null ? known : fresh(ofCustomer.get(0).record());
            CustomerSignals signals = read(health.signals);
            ofCustomer.forEach(a -> fold(health, signals, a.record(), a.analysis(), logged));
            return reassessAsOfLatest(health, signals, known == null, Cause.of(ofCustomer), announcements);
        })).chain(() -> log.append(logged)).chain(() -> outbox.enqueueAll(announcements));
    }

    /**
     * The batch's customers already known, in one query per tenant of the batch (not one lookup per customer), locked
     * until the batch commits: the silence scan, which skips locked rows, cannot score a customer in between and have
     * its result overwritten by this batch's older read (a lost alert state means an alert twice).
     */
    private static Uni<Map<CustomerHealth.Key, CustomerHealth>> known(Set<CustomerHealth.Key> keys) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        keys.forEach(key -> byTenant.computeIfAbsent(key.tenant, t -> new ArrayList<>()).add(key.customerId));
        Map<CustomerHealth.Key, CustomerHealth> found = new HashMap<>();
        return InOrder.each(byTenant.entrySet(), tenant -> CustomerHealth.<CustomerHealth>find(
                        "tenant = ?1 and customerId in ?2", tenant.getKey(), tenant.getValue())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .invoke(list -> list.forEach(h -> found.put(new CustomerHealth.Key(h.tenant, h.customerId), h)))
                .replaceWithVoid()).map(ignored -> found);
    }

    private void fold(CustomerHealth health, CustomerSignals signals, IngestRecord record, AnalyzeResponse analysis,
                      List<SignalLog.Row> logged) {
        switch (record.getPayloadCase()) {
            case CUSTOMER -> {
                health.segment = record.getCustomer().getSegment().isBlank() ? null : record.getCustomer().getSegment();
                health.valueTier = record.getCustomer().getValueTier();
                health.annualValue = BigDecimal.valueOf(record.getCustomer().getAnnualValue());
            }
            case FEEDBACK -> {
                Inputs.Feedback feedback = Findings.feedback(record.getFeedback(), analysis);
                updater.apply(signals, feedback);
                logged.add(SignalLog.row(health.tenant, health.customerId, record.getId(), feedback));
            }
            case EVENT -> {
                Inputs.Event event = Findings.event(record.getEvent());
                updater.apply(signals, event);
                logged.add(SignalLog.row(health.tenant, health.customerId, record.getId(), event));
            }
            default -> Log.warnf("record %s carries nothing this version knows", record.getId());
        }
    }

    /**
     * As of the customer's latest activity: replayed or backfilled history must not look like silence (silence
     * against the wall clock is the silence scan's job). Once the scan has found a customer silent, though, only an
     * interaction that ends the silence clears it: older records arriving late are scored against the wall clock, as
     * the scan would, rather than announcing a recovery of a customer who is still silent.
     */
    private Uni<Void> reassessAsOfLatest(CustomerHealth health, CustomerSignals signals, boolean isNew, Cause cause,
                                         List<Outbox.Message> announcements) {
        return models.model(health.tenant).flatMap(model -> {
            Instant now = Instant.now();
            Instant floor = model.silenceFloorAt(signals);
            if (floor != null && !floor.isAfter(now) && health.silenceFound) {
                return reassessAgainstClock(model, health, signals, now, cause, announcements);
            }
            Instant asOf = signals.lastInteractionAt != null ? signals.lastInteractionAt : now;
            return reassess(model, health, signals, asOf, isNew, floor, cause, announcements);
        });
    }

    /** The silence scan's batch: each customer scored against the wall clock, what they say announced at the end. */
    Uni<Void> reassessAgainstClock(List<CustomerHealth> due, Instant now) {
        List<Outbox.Message> announcements = new ArrayList<>();
        return InOrder.each(due, customer -> models.model(customer.tenant).flatMap(model ->
                        reassessAgainstClock(model, customer, read(customer.signals), now, Cause.CLOCK, announcements)))
                .chain(() -> outbox.enqueueAll(announcements));
    }

    /**
     * Scores a known customer against the wall clock, silence included; while the silence lasts they are looked at
     * again one rhythm later. A tier change it causes names {@code cause} (the records', or the scan's clock). In the
     * caller's transaction.
     */
    private Uni<Void> reassessAgainstClock(RiskModel model, CustomerHealth health, CustomerSignals signals, Instant now,
                                           Cause cause, List<Outbox.Message> announcements) {
        double rhythm = RiskModel.rhythmDays(signals);
        Instant next = rhythm > 0 ? now.plus(Duration.ofSeconds(Math.round(rhythm * 86_400))) : null;
        return reassess(model, health, signals, now, false, next, cause, announcements);
    }

    /**
     * Scores the customer as of {@code asOf}, keeps the score, its history when the tier moved, and adds to
     * {@code announcements} what {@link AlertPolicy} says intervention should hear (an alert, a recovery, or nothing),
     * for the caller to enqueue with the rest of its batch. In the caller's transaction.
     */
    private Uni<Void> reassess(RiskModel model, CustomerHealth health, CustomerSignals signals, Instant asOf, boolean isNew,
                               Instant silentAfter, Cause cause, List<Outbox.Message> announcements) {
        Assessment assessment = model.assess(signals, asOf);
        Tier before = Tier.valueOf(health.tier);
        AlertPolicy.State told = new AlertPolicy.State(Tier.valueOf(health.alertedTier),
                health.lastAlertTier == null ? null : Tier.valueOf(health.lastAlertTier),
                health.lastAlertAt == null ? null : health.lastAlertAt.toInstant());
        AlertPolicy.Decision decision = AlertPolicy.decide(told, assessment, model.config(), asOf);
        health.signals = write(signals);
        health.assessment = write(assessment);
        health.riskScore = assessment.riskScore();
        health.tier = assessment.tier().name();
        health.stage = assessment.stage().name();
        health.modelVersion = assessment.modelVersion();
        health.computedAt = OffsetDateTime.now();
        health.silentAfter = silentAfter == null ? null : silentAfter.atOffset(ZoneOffset.UTC);
        health.silenceFound = assessment.overrides().stream().anyMatch(o -> RiskModel.SILENCE.equals(o.rule()));
        health.alertedTier = decision.next().announced().name();
        health.lastAlertTier = decision.next().lastAlertTier() == null ? null : decision.next().lastAlertTier().name();
        health.lastAlertAt = decision.next().lastAlertAt() == null ? null : decision.next().lastAlertAt().atOffset(ZoneOffset.UTC);

        Uni<?> saved = isNew ? GroupedInserts.persist(health) : Uni.createFrom().voidItem();
        if (assessment.tier() != before) {
            // sentinel_tier_transitions_total{from, to}
            meters.counter("sentinel.tier.transitions", "from", before.name(), "to", assessment.tier().name()).increment();
            saved = saved.chain(() -> history(health));
        }
        if (decision.kind() != AlertPolicy.Kind.NONE) {
            announcements.add(announcement(health, told.announced(), decision.tier(), assessment, signals, cause));
        } else if (assessment.tier() != told.announced()) {
            Log.debugf("customer %s/%s %s, not announced: %s", health.tenant, health.customerId, assessment.tier(),
                    decision.reason());
        }
        return saved.replaceWithVoid();
    }

    /** Value tier and annual value come only from a customer profile. */
    private static boolean hasProfile(CustomerHealth health) {
        return health.valueTier != null || health.annualValue != null;
    }

    private static CustomerHealth fresh(IngestRecord record) {
        CustomerHealth health = new CustomerHealth();
        health.tenant = record.getTenant();
        health.customerId = record.getCustomerId();
        health.tier = Tier.GREEN.name();
        health.alertedTier = Tier.GREEN.name();
        return health;
    }

    private Uni<?> history(CustomerHealth health) {
        HealthHistory entry = new HealthHistory();
        entry.tenant = health.tenant;
        entry.customerId = health.customerId;
        entry.riskScore = health.riskScore;
        entry.tier = health.tier;
        entry.stage = health.stage;
        entry.reason = health.assessment;
        entry.computedAt = health.computedAt;
        return GroupedInserts.persist(entry);
    }

    private Outbox.Message announcement(CustomerHealth health, Tier previous, Tier announced, Assessment assessment,
                                        CustomerSignals signals, Cause cause) {
        TierChanged.Builder change = TierChanged.newBuilder()
                .setId(Ids.timeOrdered().toString())
                .setTenant(health.tenant)
                .setCustomerId(health.customerId)
                .setPreviousTier(dev.churnsentinel.proto.events.v1.Tier.valueOf(previous.name()))
                .setTier(dev.churnsentinel.proto.events.v1.Tier.valueOf(announced.name()))
                .setRiskScore(assessment.riskScore())
                .setStage(assessment.stage().name())
                .setChangedAt(health.computedAt.toString())
                .setPriceSensitive(signals.priceSensitive)
                .setPassiveChurn(signals.passiveChurn)
                .setModelVersion(assessment.modelVersion())
                .setProfileKnown(hasProfile(health))
                .setTriggerAcceptedAt(cause.acceptedAt());
        assessment.dimensions().stream()
                .sorted((a, b) -> Double.compare(b.weight() * b.score(), a.weight() * a.score()))
                .flatMap(d -> d.signals().stream())
                .forEach(s -> change.addSignals(Signal.newBuilder().setCode(s.code()).setDetail(s.detail())));
        assessment.overrides().forEach(o -> change.addSignals(Signal.newBuilder().setCode(o.rule())
                .setDetail(Objects.requireNonNullElse(o.detail(), ""))));
        // one quote per feedback, even when it holds several phrases
        assessment.overrides().stream().filter(o -> o.evidence() != null && o.feedbackId() != null)
                .collect(java.util.stream.Collectors.toMap(Assessment.Override::feedbackId, Assessment.Override::evidence,
                        (first, second) -> first, LinkedHashMap::new))
                .values().forEach(change::addEvidence);
        // per customer at DEBUG: a storm announces thousands a second; sentinel_tier_transitions_total counts them
        Log.debugf("customer %s/%s: %s → %s announced (%.1f)", health.tenant, health.customerId, previous, announced,
                assessment.riskScore());
        return new Outbox.Message(config.tierChangeTopic(), health.tenant + "/" + health.customerId,
                change.build().toByteArray(), cause.traceParent());
    }

    private CustomerSignals read(String document) {
        try {
            return document == null ? new CustomerSignals() : json.readValue(document, CustomerSignals.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
