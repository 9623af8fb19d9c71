package dev.churnsentinel.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay renders, every object reads strictly into its model, and the project's rules hold. */
class ManifestsTest {
    final StrictValidator validator = new StrictValidator();

    List<StrictValidator.Checked> rendered(String overlay) throws Exception {
        return Manifests.render(overlay).stream().map(validator::check).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsValidAndEveryRuleHolds(String overlay) throws Exception {
        List<StrictValidator.Checked> objects = rendered(overlay);
        Map<String, Integer> kinds = new TreeMap<>();
        objects.forEach(o -> kinds.merge(o.kind(), 1, Integer::sum));
        System.out.printf("overlay %s: %d objects %s%n", overlay, objects.size(), kinds);
        List<String> problems = objects.stream()
                .flatMap(o -> o.problems().stream().map(p -> o.kind() + " " + o.name() + ": " + p)).toList();
        assertEquals(List.of(), problems);
        assertEquals(List.of(), DeploymentRules.violations(objects.stream().map(StrictValidator.Checked::typed).toList()));
        assertEquals(4, kinds.get("Deployment"));
        assertTrue(kinds.get("NetworkPolicy") >= 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void productionRunsEveryServiceTwiceOnDifferentNodesAndScalesTextSignalAndScoring(String overlay) throws Exception {
        List<Object> objects = rendered(overlay).stream().map(StrictValidator.Checked::typed).toList();
        for (Deployment d : objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList()) {
            assertTrue(d.getSpec().getReplicas() >= 2, d.getMetadata().getName());
            var antiAffinity = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution();
            assertEquals(Map.of("app.kubernetes.io/name", d.getMetadata().getName()),
                    antiAffinity.get(0).getLabelSelector().getMatchLabels());
        }
        Map<String, HorizontalPodAutoscaler> hpa = new TreeMap<>();
        objects.stream().filter(HorizontalPodAutoscaler.class::isInstance).map(HorizontalPodAutoscaler.class::cast)
                .forEach(h -> hpa.put(h.getMetadata().getName(), h));
        assertEquals("cpu", hpa.get("text-signal-service").getSpec().getMetrics().get(0).getResource().getName());
        assertEquals(List.of("Resource", "External"),
                hpa.get("scoring-service").getSpec().getMetrics().stream().map(m -> m.getType()).toList());
        hpa.values().forEach(h -> assertTrue(h.getSpec().getMinReplicas() >= 2, h.getMetadata().getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void productionRollsOutOnAsFewNodesAsReplicasAndServesTheLagScoringScalesOn(String overlay) throws Exception {
        List<Object> objects = rendered(overlay).stream().map(StrictValidator.Checked::typed).toList();
        for (Deployment d : objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList()) {
            // required anti-affinity per node: a surge pod would need a node more than there are replicas
            assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal(), d.getMetadata().getName());
            assertEquals(1, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(), d.getMetadata().getName());
        }
        Kafka kafka = objects.stream().filter(Kafka.class::isInstance).map(Kafka.class::cast).findFirst().orElseThrow();
        assertTrue(kafka.getSpec().getKafkaExporter() != null, "Kafka Exporter serves kafka_consumergroup_lag");
        int partitions = objects.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast)
                .filter(t -> "churnsentinel.ingest.v1".equals(t.getSpec().getTopicName())).findFirst().orElseThrow()
                .getSpec().getPartitions();
        HorizontalPodAutoscaler scoring = objects.stream().filter(HorizontalPodAutoscaler.class::isInstance)
                .map(HorizontalPodAutoscaler.class::cast).filter(h -> h.getMetadata().getName().equals("scoring-service"))
                .findFirst().orElseThrow();
        assertEquals(partitions, scoring.getSpec().getMaxReplicas() * 2, "two consumers per scoring replica, one per partition");
    }

    /** README, Privacy: a customer's words on Kafka outlive an erasure by at most the topics' retention, 30 days. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noTopicKeepsRecordsLongerThanTheErasureDeadline(String overlay) throws Exception {
        long deadline = java.time.Duration.ofDays(30).toMillis();
        List<KafkaTopic> topics = rendered(overlay).stream().map(StrictValidator.Checked::typed)
                .filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast).toList();
        assertTrue(topics.size() >= 8, topics.size() + " topics");
        for (KafkaTopic topic : topics) {
            Object retention = topic.getSpec().getConfig().get("retention.ms");
            assertTrue(retention != null && Long.parseLong(retention.toString()) <= deadline,
                    topic.getSpec().getTopicName() + " retention.ms " + retention);
            assertEquals("delete", topic.getSpec().getConfig().get("cleanup.policy"), topic.getSpec().getTopicName());
        }
    }
}
