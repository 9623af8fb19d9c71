package dev.churnsentinel.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator and the rules catch what they are for (objects written wrong on purpose). */
class StrictValidatorTest {
    final StrictValidator validator = new StrictValidator();

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: demo}
            spec:
              %s
              selector: {matchLabels: {app: demo}}
              template:
                metadata: {labels: {app: demo}}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    @Test
    void aMisspeltFieldIsAnErrorWhereverItIs() {
        StrictValidator.Checked checked = validator.check(DEPLOYMENT.formatted("replica: 2", "imagePulPolicy: Always"));
        assertEquals(2, checked.problems().size(), checked.problems().toString());
        assertTrue(checked.problems().get(0).endsWith("spec.replica: unknown field")
                || checked.problems().get(1).endsWith("spec.replica: unknown field"), checked.problems().toString());
        assertTrue(checked.problems().stream().anyMatch(p -> p.endsWith("imagePulPolicy: unknown field")), checked.problems().toString());
    }

    @Test
    void aWrongTypeIsAnError() {
        StrictValidator.Checked checked = validator.check(DEPLOYMENT.formatted("replicas: two", "imagePullPolicy: Always"));
        assertEquals(1, checked.problems().size(), checked.problems().toString());
        assertTrue(checked.problems().get(0).contains("two"), checked.problems().toString());
    }

    @Test
    void strimziAndCloudNativePgResourcesAreReadStrictlyToo() {
        StrictValidator.Checked topic = validator.check("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: sentinel}}
                spec: {topicName: t, partitions: 3, replica: 1}
                """);
        assertEquals(List.of("KafkaTopic.spec.replica: unknown field"), topic.problems());
        StrictValidator.Checked cluster = validator.check("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg}
                spec: {instances: 3, storage: {size: 10Gi}, affinity: {podAntiAffinityType: always}}
                """);
        assertEquals(1, cluster.problems().size(), cluster.problems().toString());
        assertTrue(cluster.problems().get(0).contains("always"), cluster.problems().toString());
        StrictValidator.Checked database = validator.check("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata: {name: db}
                spec: {cluster: {name: pg}, name: app, owner: app, encoding: UTF8}
                """);
        assertTrue(database.problems().get(0).contains("encoding"), database.problems().toString());
    }

    @Test
    void theRulesFindAContainerWithoutProbesLimitsOrNonRootAndAServiceThatSelectsNothing() {
        Object deployment = validator.check(DEPLOYMENT.formatted("replicas: 1", "imagePullPolicy: Always")).typed();
        Object service = validator.check("""
                apiVersion: v1
                kind: Service
                metadata: {name: lost}
                spec:
                  selector: {app: nobody}
                  ports: [{port: 80}]
                """).typed();
        List<String> violations = DeploymentRules.violations(List.of(deployment, service));
        assertTrue(violations.contains("Deployment demo container demo: needs startup, liveness and readiness probes"), violations.toString());
        assertTrue(violations.contains("Deployment demo container demo: no memory limit"), violations.toString());
        assertTrue(violations.contains("Deployment demo container demo: must run as non-root (runAsNonRoot: true)"), violations.toString());
        assertTrue(violations.contains("Service lost selects 0 Deployments, not one"), violations.toString());
    }
}
