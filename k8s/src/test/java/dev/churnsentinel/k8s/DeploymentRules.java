package dev.churnsentinel.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The project's own deployment rules, over the typed objects of one rendered overlay: every container has its
 * three probes, requests and limits, runs as non-root on a read-only root filesystem; every Service, HPA and PDB
 * points at a Deployment that exists; config maps referenced exist; no Secret is in the manifests.
 */
final class DeploymentRules {
    private DeploymentRules() {
    }

    static List<String> violations(List<?> objects) {
        List<String> problems = new ArrayList<>();
        List<Deployment> deployments = of(objects, Deployment.class);
        List<String> configMaps = of(objects, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).toList();
        for (Deployment deployment : deployments) {
            String at = "Deployment " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            boolean podNonRoot = pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
            for (Container c : pod.getContainers()) {
                String where = at + " container " + c.getName();
                if (c.getStartupProbe() == null || c.getLivenessProbe() == null || c.getReadinessProbe() == null) {
                    problems.add(where + ": needs startup, liveness and readiness probes");
                }
                for (String resource : List.of("cpu", "memory")) {
                    if (c.getResources() == null || c.getResources().getRequests() == null
                            || !c.getResources().getRequests().containsKey(resource)) {
                        problems.add(where + ": no " + resource + " request");
                    }
                    if (c.getResources() == null || c.getResources().getLimits() == null
                            || !c.getResources().getLimits().containsKey(resource)) {
                        problems.add(where + ": no " + resource + " limit");
                    }
                }
                var security = c.getSecurityContext();
                boolean nonRoot = podNonRoot || (security != null && Boolean.TRUE.equals(security.getRunAsNonRoot()));
                if (!nonRoot) {
                    problems.add(where + ": must run as non-root (runAsNonRoot: true)");
                }
                if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": needs a read-only root filesystem");
                }
                if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": must not allow privilege escalation");
                }
                c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null).forEach(e -> {
                    if (!configMaps.contains(e.getConfigMapRef().getName())) {
                        problems.add(where + ": config map " + e.getConfigMapRef().getName() + " is not in the manifests");
                    }
                });
                for (EnvVar env : c.getEnv()) {
                    if (env.getValue() != null && env.getName().matches(".*(PASSWORD|SECRET|API_KEYS|TOKEN).*")) {
                        problems.add(where + ": " + env.getName() + " must come from a Secret, not a literal");
                    }
                }
            }
        }
        for (Service service : of(objects, Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            long selected = deployments.stream().filter(d -> sameNamespace(d, service)
                    && matches(selector, d.getSpec().getTemplate().getMetadata().getLabels())).count();
            if (selector == null || selector.isEmpty() || selected != 1) {
                problems.add("Service " + service.getMetadata().getName() + " selects " + selected + " Deployments, not one");
            }
        }
        for (HorizontalPodAutoscaler hpa : of(objects, HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || deployments.stream().noneMatch(d -> d.getMetadata().getName().equals(target.getName()))) {
                problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " scales " + target.getKind() + " "
                        + target.getName() + ", which is not in the manifests");
            }
            if (hpa.getSpec().getMinReplicas() != null && hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
                problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + ": minReplicas above maxReplicas");
            }
        }
        for (PodDisruptionBudget pdb : of(objects, PodDisruptionBudget.class)) {
            LabelSelector selector = pdb.getSpec().getSelector();
            if (selector == null || deployments.stream().noneMatch(d -> matches(selector.getMatchLabels(),
                    d.getSpec().getTemplate().getMetadata().getLabels()))) {
                problems.add("PodDisruptionBudget " + pdb.getMetadata().getName() + " selects no Deployment's pods");
            }
        }
        of(objects, Secret.class).forEach(s -> problems.add("Secret " + s.getMetadata().getName()
                + " is in the manifests: secrets are created apart and only referenced"));
        return problems;
    }

    private static boolean sameNamespace(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static <T> List<T> of(List<?> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
