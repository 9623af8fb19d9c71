package dev.churnsentinel.intervention.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.playbook.PlaybookRules;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.playbook.Playbooks;
import dev.churnsentinel.intervention.report.RetentionQueries;
import dev.churnsentinel.intervention.report.RetentionReport;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The team dashboard (managers and admins) and the playbook editor (admins). */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {
    private static final List<String> TIERS = List.of("RED", "ORANGE", "YELLOW", "GREEN");
    /** The most urgent customers read from scoring, of which the most urgent by value are listed. */
    private static final int AT_RISK_LIST = 200;
    private static final int WEEKS = 12;

    private final Viewers viewers;
    private final Scoring scoring;
    private final RetentionQueries reports;
    private final PlaybookStore playbooks;
    private final InterventionConfig config;
    private final ObjectMapper json;
    private final ZoneId zone;

    public DashboardResource(Viewers viewers, Scoring scoring, RetentionQueries reports, PlaybookStore playbooks,
                             InterventionConfig config, ObjectMapper json) {
        this.viewers = viewers;
        this.scoring = scoring;
        this.reports = reports;
        this.playbooks = playbooks;
        this.config = config;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.zone = ZoneId.of(config.timeZone());
    }

    @GET
    @Path("/dashboard")
    public Uni<TemplateInstance> dashboard(@BeanParam ConsoleRequest request) {
        return viewers.require(request, "/console/dashboard").flatMap(viewer -> {
            if (!viewer.seesDashboard()) {
                throw new Viewers.NotFound("dashboard");
            }
            String tenant = viewer.tenant();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime quarter = now.minusDays(90);
            OffsetDateTime weeksAgo = now.minusWeeks(WEEKS - 1);
            RetentionReport.Assumptions assumptions = new RetentionReport.Assumptions(config.retention().margin(),
                    config.retention().lifetimeYears());
            return scoring.atRisk(tenant, null, AT_RISK_LIST).flatMap(atRisk -> scoring.tiers(tenant, WEEKS)
                    .flatMap(tiers -> Panache.withSession(() ->
                    reports.report(tenant, quarter, now, assumptions).flatMap(report ->
                            reports.slaByPerson(tenant, quarter, now).flatMap(people ->
                                    reports.openedPerWeek(tenant, weeksAgo, now, zone).map(weeks ->
                                            page(atRisk, tiers, report, people, weeks)))))))
                    .map(page -> Pages.dashboard(viewer, page).setLocale(request.locale()));
        });
    }

    private Views.DashboardPage page(Scoring.Read<List<ScoringApi.AtRisk>> atRisk, Scoring.Read<ScoringApi.TierReport> tierReport,
                                     RetentionQueries.Report report, List<RetentionQueries.PersonSla> people,
                                     List<RetentionQueries.Week> weeks) {
        List<ScoringApi.AtRisk> customers = atRisk.value().orElse(List.of());
        Map<String, ScoringApi.TierNow> now = tierReport.value().map(ScoringApi.TierReport::now).orElse(Map.of());
        long max = Math.max(1, now.values().stream().mapToLong(ScoringApi.TierNow::customers).max().orElse(1));
        List<Views.TierCount> tiers = new ArrayList<>();
        BigDecimal valueAtRisk = BigDecimal.ZERO;
        for (String tier : TIERS) {
            ScoringApi.TierNow n = now.getOrDefault(tier, new ScoringApi.TierNow(0, BigDecimal.ZERO));
            tiers.add(new Views.TierCount(tier, Long.toString(n.customers()), (int) (100 * n.customers() / max)));
            if (!"GREEN".equals(tier) && n.annualValue() != null) {
                valueAtRisk = valueAtRisk.add(n.annualValue());
            }
        }
        Charts.Stacked customersPerWeek = tierReport.value().map(r -> Charts.stacked(
                r.weeks().stream().map(w -> w.at().atZoneSameInstant(zone).toLocalDate()).toList(),
                r.weeks().stream().map(w -> atRiskOnly(w.customers())).toList())).orElse(null);
        List<Views.AtRiskRow> urgent = customers.stream().map(c -> new Views.AtRiskRow(c.customerId(), c.tier(),
                        c.riskScore(), c.stage(), c.valueTier(), c.annualValue() == null ? "—" : c.annualValue().toPlainString(),
                        c.riskScore() * Math.max(1, c.annualValue() == null ? 1 : c.annualValue().doubleValue())))
                .sorted(Comparator.comparingDouble(Views.AtRiskRow::urgency).reversed()).limit(15).toList();
        List<Views.SlaBar> slaByTier = report.tiers().stream().map(line -> Views.sla(line.tier(),
                line.sla().resolvedOnTime(), line.sla().resolveDue() - line.sla().resolvedOnTime())).toList();
        Charts.Stacked perWeek = Charts.stacked(weeks.stream().map(RetentionQueries.Week::week).toList(),
                weeks.stream().map(RetentionQueries.Week::perTier).toList());
        List<String> labels = report.tiers().stream().map(RetentionReport.Line::tier).toList();
        Charts.Bars saveRates = Charts.bars(labels, report.tiers().stream().map(l -> l.outcomes().saveRate() == null ? null
                : l.outcomes().saveRate() * 100).toList(), "%");
        Charts.Bars roi = Charts.bars(labels, report.tiers().stream().map(l -> l.money().roi()).toList(), "×");
        return new Views.DashboardPage(tiers, valueAtRisk.stripTrailingZeros().toPlainString(), tierReport.available(),
                customersPerWeek, perWeek, slaByTier, Views.slaByPerson(people), report.tiers(), saveRates, roi, urgent);
    }

    private static Map<String, Long> atRiskOnly(Map<String, Long> perTier) {
        Map<String, Long> atRisk = new java.util.LinkedHashMap<>(perTier);
        atRisk.remove("GREEN");
        return atRisk;
    }

    @GET
    @Path("/admin/playbooks")
    public Uni<TemplateInstance> playbooks(@BeanParam ConsoleRequest request) {
        Locale locale = request.locale();
        return viewers.admin(request, "/console/admin/playbooks").flatMap(viewer ->
                Panache.withSession(() -> playbooks.current(viewer.tenant()))
                        .map(current -> Pages.playbooks(viewer, playbooksPage(current, null, null, null)).setLocale(locale)));
    }

    /** Saves a new version with the API's rules: a stale {@code version} is refused (409), a broken document too (400). */
    @POST
    @Path("/admin/playbooks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> savePlaybooks(@BeanParam ConsoleRequest request,
                                       @FormParam("version") Integer version, @FormParam("document") String document) {
        Locale locale = request.locale();
        return viewers.actingAdmin(request, "/console/admin/playbooks").flatMap(viewer -> {
            Playbooks parsed;
            try {
                parsed = json.readValue(document == null ? "" : document, Playbooks.class);
            } catch (JsonProcessingException e) {
                return reshow(viewer, locale, document, 400, "JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                return reshow(viewer, locale, document, 400, "JSON: " + e.getMessage());
            }
            var problems = PlaybookRules.problems(parsed);
            if (!problems.isEmpty()) {
                return reshow(viewer, locale, document, 400, problems.toString());
            }
            return Panache.withTransaction(() -> playbooks.replace(viewer.tenant(), parsed, version, viewer.actor()))
                    .map(saved -> Response.ok(Pages.playbooks(viewer, playbooksPage(saved, null, "saved", null))
                            .setLocale(locale).render()).type(MediaType.TEXT_HTML_TYPE).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> reshow(viewer, locale, document,
                            ((ProblemException) e).problem().status(), Forms.message((ProblemException) e)));
        });
    }

    private Uni<Response> reshow(Viewer viewer, Locale locale, String document, int status, String error) {
        return Panache.withSession(() -> playbooks.current(viewer.tenant())).map(current -> Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.playbooks(viewer, playbooksPage(current, error, null, document)).setLocale(locale).render()).build());
    }

    @GET
    @Path("/admin/scoring-model")
    public Uni<TemplateInstance> scoringModel(@BeanParam ConsoleRequest request) {
        Locale locale = request.locale();
        return viewers.admin(request, "/console/admin/scoring-model").flatMap(viewer -> scoring.model(viewer.tenant())
                .map(model -> Pages.scoringModel(viewer, modelPage(model, null, null, null)).setLocale(locale)));
    }

    /** Saves a new version through scoring's API: its 409 on a stale version and its 400s are shown as they are. */
    @POST
    @Path("/admin/scoring-model")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> saveScoringModel(@BeanParam ConsoleRequest request, @FormParam("document") String document) {
        Locale locale = request.locale();
        return viewers.actingAdmin(request, "/console/admin/scoring-model").flatMap(viewer -> {
            com.fasterxml.jackson.databind.JsonNode parsed;
            try {
                parsed = json.readTree(document == null ? "" : document);
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            Uni<String> saved = parsed == null || !parsed.isObject()
                    ? Uni.createFrom().item("JSON: the document must be one object")
                    : scoring.replaceModel(viewer.tenant(), parsed);
            return saved.flatMap(error -> scoring.model(viewer.tenant()).map(model -> Response.status(error == null ? 200 : 409)
                    .type(MediaType.TEXT_HTML_TYPE).entity(Pages.scoringModel(viewer, modelPage(model, error,
                            error == null ? "saved" : null, error == null ? null : document)).setLocale(locale).render())
                    .build()));
        });
    }

    private Views.ModelPage modelPage(Scoring.Read<com.fasterxml.jackson.databind.JsonNode> model, String error,
                                      String notice, String draft) {
        com.fasterxml.jackson.databind.JsonNode doc = model.value().orElse(null);
        List<Views.ModelField> fields = new ArrayList<>();
        if (doc != null) {
            doc.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("version") && !f.getKey().equals("name")) {
                    fields.add(new Views.ModelField(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
                }
            });
        }
        String text;
        try {
            text = draft != null ? draft : doc == null ? "" : json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Views.ModelPage(doc == null ? "" : doc.path("version").asText(), doc == null ? "" : doc.path("name").asText(),
                fields, text, error, notice, model.available());
    }

    private Views.PlaybooksPage playbooksPage(Playbooks current, String error, String notice, String draft) {
        List<Views.PlaybookRow> rows = new ArrayList<>();
        for (Map.Entry<?, Playbooks.TierPlaybook> e : current.tiers().entrySet()) {
            Playbooks.TierPlaybook t = e.getValue();
            rows.add(new Views.PlaybookRow(e.getKey().toString(), t.kind(), String.valueOf(t.due()),
                    String.valueOf(t.acknowledgeWithin()), t.assigneeRole(), String.join(" → ", t.escalationRoles()),
                    t.guidance()));
        }
        String document;
        try {
            document = draft != null ? draft : json.writeValueAsString(current.withVersion(current.version()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Views.PlaybooksPage(current.version(), rows, document, error, notice);
    }
}
