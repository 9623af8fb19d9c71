package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The playbooks in force, read at start-up from the configured document. */
@Startup
@ApplicationScoped
public class PlaybookStore {
    private final Playbooks playbooks;

    public PlaybookStore(InterventionConfig config, ObjectMapper json) {
        String location = config.playbooks();
        try (InputStream in = location.startsWith("classpath:")
                ? PlaybookStore.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException("playbooks " + location + " not found");
            }
            this.playbooks = json.readValue(in, Playbooks.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read playbooks " + location, e);
        }
        for (Tier tier : new Tier[] {Tier.YELLOW, Tier.ORANGE, Tier.RED}) {
            if (playbooks.tiers().get(tier) == null) {
                throw new IllegalStateException("playbooks " + location + " have no " + tier + " tier");
            }
        }
        Log.infof("playbooks version %d loaded from %s", playbooks.version(), location);
    }

    public Playbooks current() {
        return playbooks;
    }
}
