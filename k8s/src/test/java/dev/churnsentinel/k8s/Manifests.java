package dev.churnsentinel.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomize overlay with {@code kubectl kustomize} (offline) into its YAML documents. */
final class Manifests {
    static final Path K8S = Path.of("").toAbsolutePath();
    /** The kubectl to render with; {@code KUBECTL=/path/to/kubectl} tries another version. */
    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private Manifests() {
    }

    static List<String> render(String overlay) throws IOException, InterruptedException {
        return render(K8S.resolve("overlays").resolve(overlay));
    }

    /** Renders the kustomization in {@code dir}. */
    static List<String> render(Path dir) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("kustomize", ".err");
        Process kubectl;
        try {
            kubectl = new ProcessBuilder(KUBECTL, "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.to(errors.toFile())).start();
        } catch (IOException e) {
            throw new IOException("kubectl is needed to render the manifests (Debian: apt-get install kubernetes-client; "
                    + ".ci/run installs it)", e);
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = kubectl.waitFor(60, TimeUnit.SECONDS);
        // kustomize 5 warns on stderr that the kustomize-2.0 dialect these files use is deprecated: not an error
        String warnings = Files.readString(errors);
        Files.deleteIfExists(errors);
        if (!done || kubectl.exitValue() != 0) {
            throw new IOException(KUBECTL + " kustomize " + dir + " failed:\n" + warnings + out);
        }
        return split(out);
    }

    /** The documents of a multi-document YAML stream, blank ones left out. */
    static List<String> split(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!Arrays.stream(document.split("\n")).allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                documents.add(document);
            }
        }
        return documents;
    }
}
