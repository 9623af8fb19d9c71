package dev.churnsentinel.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;

/**
 * The part of CloudNativePG's {@code postgresql.cnpg.io/v1} API (1.27) that these manifests use, field names and types
 * as its API reference gives them. CloudNativePG publishes no Java model; read with unknown fields as errors, this
 * catches a misspelt or misplaced field in what we wrote, though not a field the operator would accept that is not
 * listed here (add it here when a manifest needs it).
 */
final class CloudNativePg {
    private CloudNativePg() {
    }

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, String imageName, Storage storage, Bootstrap bootstrap, Managed managed,
                       ResourceRequirements resources, Affinity affinity, PostgresConfiguration postgresql,
                       Monitoring monitoring, String primaryUpdateStrategy) {
    }

    record Storage(String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, SecretReference secret) {
    }

    record SecretReference(String name) {
    }

    record Managed(List<Role> roles) {
    }

    enum Ensure {
        @JsonProperty("present") PRESENT,
        @JsonProperty("absent") ABSENT
    }

    record Role(String name, Ensure ensure, Boolean login, Boolean superuser, Boolean createdb, Boolean createrole,
                Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit, List<String> inRoles,
                SecretReference passwordSecret, String comment) {
    }

    enum AntiAffinityType {
        @JsonProperty("preferred") PREFERRED,
        @JsonProperty("required") REQUIRED
    }

    record Affinity(Boolean enablePodAntiAffinity, AntiAffinityType podAntiAffinityType, String topologyKey,
                    Map<String, String> nodeSelector) {
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    record Monitoring(Boolean enablePodMonitor) {
    }

    record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    record ClusterReference(String name) {
    }

    record DatabaseSpec(ClusterReference cluster, String name, String owner, Ensure ensure,
                        @JsonProperty("databaseReclaimPolicy") String reclaimPolicy) {
    }
}
