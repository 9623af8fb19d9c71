package dev.churnsentinel.textsignal.analysis;

import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tenants' own lexicon additions, from a directory of {@code TENANT.tsv} files. {@link #refresh} re-reads the
 * files that changed and builds each tenant's analyzer (base + additions, a trie of its own) off the request
 * path, then swaps the whole map in one write: a request sees the old or the new lexicon, never half of one. A
 * file that does not parse leaves the tenant on its last good lexicon and is reported by {@link #errors}.
 */
final class TenantLexicons {
    private static final Pattern TENANT_FILE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\\.tsv");

    private record Loaded(FileTime modified, long size, TextAnalyzer analyzer) {
    }

    private final Path directory;
    private volatile Map<String, Loaded> loaded = Map.of();
    private volatile Map<String, String> errors = Map.of();

    TenantLexicons(Path directory) {
        this.directory = directory;
    }

    /** The tenant's analyzer, or {@code null} when it has no additions. */
    TextAnalyzer analyzer(String tenant) {
        Loaded tenantLexicon = tenant == null ? null : loaded.get(tenant);
        return tenantLexicon == null ? null : tenantLexicon.analyzer();
    }

    Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        loaded.forEach((tenant, l) -> versions.put(tenant, l.analyzer().lexicon().version()));
        return versions;
    }

    Map<String, String> errors() {
        return errors;
    }

    /** Looks at the directory once; returns true when a tenant's lexicon changed. */
    synchronized boolean refresh(TextAnalyzer base) {
        Map<String, Loaded> next = new HashMap<>();
        Map<String, String> problems = new TreeMap<>();
        boolean changed = false;
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tsv")) {
                for (Path file : files) {
                    var name = TENANT_FILE.matcher(file.getFileName().toString());
                    if (!name.matches()) {
                        continue;
                    }
                    String tenant = name.group(1);
                    Loaded previous = loaded.get(tenant);
                    try {
                        FileTime modified = Files.getLastModifiedTime(file);
                        long size = Files.size(file);
                        if (previous != null && previous.modified().equals(modified) && previous.size() == size) {
                            next.put(tenant, previous);
                            continue;
                        }
                        Lexicon additions = Lexicon.read(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                        Lexicon merged = base.lexicon().plus(tenant, additions);
                        next.put(tenant, new Loaded(modified, size, base.with(merged)));
                        changed = true;
                        Log.infof("tenant %s lexicon %s loaded (%d entries)", tenant, merged.version(), merged.size());
                    } catch (IOException | RuntimeException e) {
                        problems.put(tenant, e.getMessage());
                        if (previous != null) {
                            next.put(tenant, previous);
                        }
                        if (!e.getMessage().equals(errors.get(tenant))) {
                            Log.errorf("tenant %s lexicon %s not loaded, keeping the last good one: %s", tenant, file,
                                    e.getMessage());
                        }
                    }
                }
            } catch (IOException e) {
                Log.errorf("cannot read the tenant lexicon directory %s: %s", directory, e.getMessage());
                return false;
            }
        }
        changed |= !next.keySet().equals(loaded.keySet());
        loaded = Map.copyOf(next);
        errors = Map.copyOf(problems);
        return changed;
    }
}
