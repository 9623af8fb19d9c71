package dev.churnsentinel.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every rendered object into its typed model — fabric8's for Kubernetes and the Prometheus Operator's kinds,
 * Strimzi's for Kafka, our strict
 * subset for CloudNativePG — and reports what does not fit: wrong types (the model cannot read them), and unknown
 * fields (fabric8 and Strimzi keep them aside in {@code additionalProperties}; anything there is an error, as
 * {@code kubectl apply --validate=strict} would say).
 */
final class StrictValidator {
    /** One object, read. {@code typed} is null when it could not be read at all. */
    record Checked(String kind, String name, Object typed, List<String> problems) {
    }

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class);
    private static final Map<String, Class<?>> CNPG = Map.of(
            "Cluster", CloudNativePg.Cluster.class, "Database", CloudNativePg.Database.class);

    private final KubernetesSerialization kubernetes = new KubernetesSerialization();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper strict = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    Checked check(String document) {
        JsonNode tree;
        try {
            tree = yaml.readTree(document);
        } catch (Exception e) {
            return new Checked("?", "?", null, List.of("not YAML: " + e.getMessage()));
        }
        String apiVersion = tree.path("apiVersion").asText();
        String kind = tree.path("kind").asText();
        String name = tree.path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        Object typed = null;
        try {
            if (apiVersion.startsWith("kafka.strimzi.io/")) {
                Class<?> type = STRIMZI.get(kind);
                if (type == null) {
                    problems.add("no Strimzi model for kind " + kind);
                } else {
                    typed = kubernetes.unmarshal(document, type);
                }
            } else if (apiVersion.startsWith("postgresql.cnpg.io/")) {
                Class<?> type = CNPG.get(kind);
                if (type == null) {
                    problems.add("no CloudNativePG model for kind " + kind);
                } else {
                    typed = strict.readValue(document, type);
                }
            } else {
                typed = kubernetes.unmarshal(document);
                if (!(typed instanceof HasMetadata)) {
                    problems.add(apiVersion + " " + kind + " is not a kind this Kubernetes model knows");
                }
            }
        } catch (Exception e) {
            problems.add(rootMessage(e));
            typed = null;
        }
        if (typed != null) {
            unknownFields(typed, kind, problems, new IdentityHashMap<>());
        }
        return new Checked(kind, name, typed, problems);
    }

    /** Walks the model and reports every non-empty {@code additionalProperties}: fields the model does not know. */
    private static void unknownFields(Object value, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.fabric8.openshift.api.model.monitoring")
                && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> problems.add(path + "." + key + ": unknown field"));
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), problems, seen);
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
