package dev.churnsentinel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the shipped monitoring reads: the alert rules' expressions and the dashboards' panel queries. */
final class MonitoredMetrics {
    /** Series that come from Prometheus itself and kube-state-metrics, not from a service. */
    static final Set<String> FROM_ELSEWHERE = Set.of("up", "kube_deployment_status_replicas_available",
            "kube_deployment_spec_replicas");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MonitoredMetrics() {
    }

    /** Every metric name in {@code monitoring}'s rules.yaml and dashboards/*.json. */
    static Set<String> used(Path monitoring) throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(monitoring.resolve("rules.yaml").toFile());
        rules.path("spec").path("groups").forEach(group -> group.path("rules")
                .forEach(rule -> names.addAll(in(rule.path("expr").asText()))));
        try (var dashboards = Files.list(monitoring.resolve("dashboards"))) {
            for (Path dashboard : dashboards.toList()) {
                new ObjectMapper().readTree(dashboard.toFile()).path("panels").forEach(panel -> panel.path("targets")
                        .forEach(target -> names.addAll(in(target.path("expr").asText()))));
            }
        }
        return names;
    }

    /** The metric names a PromQL expression reads: what is left once strings, matchers, ranges, grouping and functions go. */
    static Set<String> in(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
