package dev.churnsentinel.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A service starts with its build's class archive once one was written, and writes a new one after a rebuild. */
class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void writtenOnTheFirstRunUsedOnTheNextNamedAnewByARebuild() throws Exception {
        Path app = Files.createDirectories(dir.resolve("repo/scoring-service/target/quarkus-app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        Path cds = dir.resolve("cds");
        List<String> jvm = List.of("-Xmx384m");

        ClassArchive first = ClassArchive.of(cds, dir.resolve("repo"), "scoring-service", jvm);
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + first.file()), first.jvmOptions());

        Files.writeString(first.file(), "archive"); // as the JVM writes it when the service exits
        assertEquals(List.of("-XX:SharedArchiveFile=" + first.file()),
                ClassArchive.of(cds, dir.resolve("repo"), "scoring-service", jvm).jvmOptions());

        assertNotEquals(first.file(), ClassArchive.of(cds, dir.resolve("repo"), "scoring-service", List.of("-Xmx1g")).file(),
                "other JVM options");
        Files.setLastModifiedTime(app.resolve("quarkus-run.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        ClassArchive rebuilt = ClassArchive.of(cds, dir.resolve("repo"), "scoring-service", jvm);
        assertNotEquals(first.file(), rebuilt.file());
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + rebuilt.file()), rebuilt.jvmOptions());
        assertFalse(Files.exists(first.file()), "the earlier build's archive is removed");
    }
}
