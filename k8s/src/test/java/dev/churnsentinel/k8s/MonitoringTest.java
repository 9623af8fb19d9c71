package dev.churnsentinel.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring that ships with the manifests: it renders with the prod overlay (and alone, for other namespaces),
 * every alert says how bad it is, what happened and where its runbook section is, and every PromQL expression, of the
 * rules and of the dashboards' panels, parses and behaves ({@code promtool}, Debian's {@code prometheus} package).
 */
class MonitoringTest {
    static final Path RUNBOOK = Manifests.K8S.resolveSibling("docs").resolve("runbook.md");
    static final Path DASHBOARDS = Manifests.K8S.resolve("monitoring").resolve("dashboards");
    static final String PROMTOOL = System.getenv().getOrDefault("PROMTOOL", "promtool");
    final StrictValidator validator = new StrictValidator();
    final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    final ObjectMapper json = new ObjectMapper();

    @Test
    void prodShipsTheServiceMonitorTheRulesAndThreeDashboardsForGrafanasSidecar() throws Exception {
        List<Object> objects = Manifests.render("prod").stream().map(validator::check).map(StrictValidator.Checked::typed).toList();
        ServiceMonitor monitor = objects.stream().filter(ServiceMonitor.class::isInstance).map(ServiceMonitor.class::cast)
                .findFirst().orElseThrow();
        assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
        assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
        assertEquals("churn-sentinel", monitor.getMetadata().getNamespace());
        assertTrue(objects.stream().anyMatch(PrometheusRule.class::isInstance));
        List<String> dashboards = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
                .map(c -> c.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("sentinel-dashboard-flow", "sentinel-dashboard-interventions", "sentinel-dashboard-services"),
                dashboards);
    }

    @Test
    void theMonitoringAloneRendersValidForAnyNamespace() throws Exception {
        List<StrictValidator.Checked> objects = Manifests.render(Manifests.K8S.resolve("monitoring")).stream()
                .map(validator::check).toList();
        assertEquals(5, objects.size());
        assertEquals(List.of(), objects.stream().flatMap(o -> o.problems().stream().map(p -> o.kind() + " " + o.name() + ": " + p)).toList());
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws Exception {
        String runbook = Files.readString(RUNBOOK);
        Set<String> anchors = new TreeSet<>();
        runbook.lines().filter(l -> l.startsWith("## ")).forEach(l -> anchors.add(anchor(l.substring(3))));
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules().getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList()) {
            String severity = rule.getLabels() == null ? null : rule.getLabels().get("severity");
            if (!Set.of("page", "warning").contains(String.valueOf(severity))) {
                problems.add(rule.getAlert() + ": severity " + severity);
            }
            if (rule.getAnnotations().get("summary") == null || !rule.getAnnotations().get("summary").contains("{{ $")) {
                problems.add(rule.getAlert() + ": a summary that names what it is about");
            }
            String url = rule.getAnnotations().getOrDefault("runbook_url", "");
            if (!url.startsWith("docs/runbook.md#") || !anchors.contains(url.substring(url.indexOf('#') + 1))) {
                problems.add(rule.getAlert() + ": runbook_url " + url + " is not a section of docs/runbook.md " + anchors);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(anchors.size() >= 10, anchors.toString());
    }

    @Test
    void theRulesParseAndFireAsTheirUnitTestsSay() throws Exception {
        Path dir = Files.createTempDirectory("rules");
        try {
            Path rules = dir.resolve("rules.yaml");
            ObjectNode file = json.createObjectNode();
            file.set("groups", yaml.valueToTree(rules().getSpec().getGroups()));
            yaml.writeValue(rules.toFile(), file);
            promtool(dir, "check", "rules", rules.toString());
            Path tests = dir.resolve("rules-test.yaml");
            Files.copy(Path.of("src/test/resources/rules-test.yaml"), tests);
            promtool(dir, "test", "rules", tests.toString());
        } finally {
            deleteFlat(dir);
        }
    }

    @Test
    void everyDashboardPanelQueriesWithPromqlThatParses() throws Exception {
        Path dir = Files.createTempDirectory("panels");
        try {
            // each panel's query as a recording rule: promtool parses it as Prometheus would
            ObjectNode file = json.createObjectNode();
            ArrayNode groups = file.putArray("groups");
            int queries = 0;
            for (String name : List.of("flow", "interventions", "services")) {
                JsonNode dashboard = json.readTree(DASHBOARDS.resolve(name + ".json").toFile());
                assertEquals("sentinel-" + name, dashboard.path("uid").asText());
                ObjectNode group = groups.addObject().put("name", name);
                ArrayNode records = group.putArray("rules");
                for (JsonNode panel : dashboard.path("panels")) {
                    assertTrue(panel.path("targets").size() > 0, name + ": " + panel.path("title").asText());
                    for (JsonNode target : panel.path("targets")) {
                        records.addObject().put("record", "panel:" + name + ":" + panel.path("id").asInt() + target.path("refId").asText())
                                .put("expr", withGrafanasVariables(target.path("expr").asText()));
                        queries++;
                    }
                }
            }
            Path rules = dir.resolve("panels.yaml");
            yaml.writeValue(rules.toFile(), file);
            String out = promtool(dir, "check", "rules", rules.toString());
            assertTrue(out.contains("SUCCESS: " + queries + " rules found"), out);
        } finally {
            deleteFlat(dir);
        }
    }

    private static void deleteFlat(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** What Grafana puts in for its variables before it sends a query. */
    static String withGrafanasVariables(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$namespace", "churn-sentinel");
    }

    private PrometheusRule rules() throws IOException {
        return yaml.readValue(Manifests.K8S.resolve("monitoring").resolve("rules.yaml").toFile(), PrometheusRule.class);
    }

    /** GitHub's and most renderers' anchor of a Markdown heading. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("promtool is needed to check the alert rules (Debian: apt-get install prometheus; "
                    + ".ci/run installs it)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }
}
