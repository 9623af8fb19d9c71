package dev.churnsentinel.intervention.report;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/reports/retention}: what the interventions of a period achieved, per tier. */
@Path("/api/v1/reports/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class ReportResource {
    private static final List<String> TIERS = List.of("RED", "ORANGE", "YELLOW");
    /** Per tier, over the tasks created in the period (exit surveys are counted apart). */
    private static final String COUNTS = "select tier, count(*), "
            + "count(*) filter (where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')), "
            + "count(*) filter (where status = 'RESOLVED'), "
            + "count(*) filter (where status = 'CANCELLED'), "
            + "count(*) filter (where escalation_level > 0), "
            + "count(*) filter (where status <> 'CANCELLED' and (acknowledged_at is not null or acknowledge_by <= now())), "
            + "count(*) filter (where acknowledged_at <= acknowledge_by), "
            + "count(*) filter (where status <> 'CANCELLED' and (resolved_at is not null or due_at <= now())), "
            + "count(*) filter (where resolved_at <= due_at), "
            + "count(*) filter (where outcome = 'RETAINED'), "
            + "count(*) filter (where outcome = 'CHURNED'), "
            + "count(*) filter (where outcome = 'FALSE_ALARM'), "
            + "count(*) filter (where outcome = 'PASSIVE_CHURN'), "
            + "coalesce(sum(annual_value) filter (where outcome = 'RETAINED'), 0), "
            + "coalesce(sum(cost), 0) "
            + "from task where tenant = ?1 and created_at >= ?2 and created_at < ?3 and kind <> 'EXIT_SURVEY' group by tier";
    private static final String EXIT_REASONS = "select coalesce(exit_reason, 'PENDING'), count(*) from task "
            + "where tenant = ?1 and created_at >= ?2 and created_at < ?3 and kind = 'EXIT_SURVEY' "
            + "group by 1 order by 2 desc, 1";

    public record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    public record Report(Period period, RetentionReport.Assumptions assumptions, List<RetentionReport.Line> tiers,
                         Map<String, Long> exitReasons) {
    }

    private final SecurityIdentity identity;
    private final InterventionConfig config;

    public ReportResource(SecurityIdentity identity, InterventionConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /**
     * @param from          start of the period (tasks created at or after it); default 90 days before {@code to}
     * @param to            end of the period (exclusive); default now
     * @param margin        overrides the configured margin (0-1)
     * @param lifetimeYears overrides the configured remaining lifetime in years
     */
    @GET
    @WithSession
    public Uni<Report> retention(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("margin") Double margin, @QueryParam("lifetimeYears") Double lifetimeYears) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OffsetDateTime end = time("to", to, OffsetDateTime.now(ZoneOffset.UTC), errors);
        OffsetDateTime start = time("from", from, end.minusDays(90), errors);
        if (!start.isBefore(end)) {
            errors.add(new Problem.FieldError("from", "must be before to"));
        }
        if (margin != null && (margin < 0 || margin > 1)) {
            errors.add(new Problem.FieldError("margin", "must be between 0 and 1"));
        }
        if (lifetimeYears != null && (lifetimeYears < 0 || lifetimeYears > 100)) {
            errors.add(new Problem.FieldError("lifetimeYears", "must be between 0 and 100"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        RetentionReport.Assumptions assumptions = new RetentionReport.Assumptions(
                margin == null ? config.retention().margin() : margin,
                lifetimeYears == null ? config.retention().lifetimeYears() : lifetimeYears);
        String tenant = Tenants.of(identity);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(COUNTS, Object[].class)
                        .setParameter(1, tenant).setParameter(2, start).setParameter(3, end).getResultList()
                        .flatMap(counts -> session.createNativeQuery(EXIT_REASONS, Object[].class)
                                .setParameter(1, tenant).setParameter(2, start).setParameter(3, end).getResultList()
                                .map(reasons -> {
                                    Map<String, Long> exits = new LinkedHashMap<>();
                                    reasons.forEach(r -> exits.put((String) r[0], ((Number) r[1]).longValue()));
                                    return new Report(new Period(start, end), assumptions,
                                            RetentionReport.lines(byTier(counts), assumptions), exits);
                                })));
    }

    private static List<RetentionReport.Counts> byTier(List<Object[]> rows) {
        List<RetentionReport.Counts> counts = new ArrayList<>();
        for (String tier : TIERS) {
            Object[] r = rows.stream().filter(row -> tier.equals(row[0])).findFirst().orElse(null);
            counts.add(r == null
                    ? new RetentionReport.Counts(tier, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO)
                    : new RetentionReport.Counts(tier, n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]),
                    n(r[8]), n(r[9]), n(r[10]), n(r[11]), n(r[12]), n(r[13]), money(r[14]), money(r[15])));
        }
        return counts;
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static BigDecimal money(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static OffsetDateTime time(String field, String value, OffsetDateTime fallback, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.trim().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 time with offset, e.g. 2026-03-01T00:00:00+08:00"));
            return fallback;
        }
    }
}
