package dev.churnsentinel.intervention.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report queries over the task table: the retention report, and SLA per person and tasks per week for the console. */
@ApplicationScoped
public class RetentionQueries {
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

    /** Per assignee, over the tasks created in the period: resolved on time, resolved late or still open past due. */
    private static final String SLA_BY_PERSON = "select coalesce(assignee_name, assignee_id, assignee_role), "
            + "count(*) filter (where resolved_at <= due_at), "
            + "count(*) filter (where (resolved_at > due_at) or (resolved_at is null and status <> 'CANCELLED' and due_at <= now())) "
            + "from task where tenant = ?1 and created_at >= ?2 and created_at < ?3 and kind <> 'EXIT_SURVEY' "
            + "group by 1 order by 3 desc, 2 desc, 1 limit 20";
    /** Tasks opened per week (Monday, in the given time zone) and tier. */
    private static final String OPENED_PER_WEEK = "select date_trunc('week', created_at at time zone ?4)::date, tier, count(*) "
            + "from task where tenant = ?1 and created_at >= ?2 and created_at < ?3 and kind <> 'EXIT_SURVEY' group by 1, 2";

    public record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    public record Report(Period period, RetentionReport.Assumptions assumptions, List<RetentionReport.Line> tiers,
                         Map<String, Long> exitReasons) {
    }

    /** A person's deadlines in a period: met, and missed (late or still open past due). */
    public record PersonSla(String person, long met, long missed) {
    }

    /** Tasks opened in the week starting {@code week}, per tier. */
    public record Week(java.time.LocalDate week, Map<String, Long> perTier) {
    }

    @WithSession
    public Uni<Report> report(String tenant, OffsetDateTime start, OffsetDateTime end, RetentionReport.Assumptions assumptions) {
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

    @WithSession
    public Uni<List<PersonSla>> slaByPerson(String tenant, OffsetDateTime start, OffsetDateTime end) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(SLA_BY_PERSON, Object[].class)
                .setParameter(1, tenant).setParameter(2, start).setParameter(3, end).getResultList())
                .map(rows -> rows.stream().map(r -> new PersonSla((String) r[0], n(r[1]), n(r[2]))).toList());
    }

    /** Every week from the one holding {@code start} to the one holding {@code end}, weeks without tasks included. */
    @WithSession
    public Uni<List<Week>> openedPerWeek(String tenant, OffsetDateTime start, OffsetDateTime end, java.time.ZoneId zone) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(OPENED_PER_WEEK, Object[].class)
                .setParameter(1, tenant).setParameter(2, start).setParameter(3, end).setParameter(4, zone.getId())
                .getResultList()).map(rows -> {
                    Map<java.time.LocalDate, Map<String, Long>> weeks = new java.util.TreeMap<>();
                    java.time.LocalDate first = start.atZoneSameInstant(zone).toLocalDate()
                            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                    for (java.time.LocalDate w = first; w.isBefore(end.atZoneSameInstant(zone).toLocalDate().plusDays(1)); w = w.plusWeeks(1)) {
                        weeks.put(w, new LinkedHashMap<>());
                    }
                    for (Object[] r : rows) {
                        java.time.LocalDate week = r[0] instanceof java.time.LocalDate d ? d : java.time.LocalDate.parse(r[0].toString());
                        weeks.computeIfAbsent(week, w -> new LinkedHashMap<>()).put((String) r[1], n(r[2]));
                    }
                    return weeks.entrySet().stream().map(e -> new Week(e.getKey(), e.getValue())).toList();
                });
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static BigDecimal money(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }
}
