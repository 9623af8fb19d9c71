package dev.churnsentinel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's class-data-sharing archive (AppCDS): the classes a run loaded, stored once, so the next start maps them
 * instead of loading, verifying and linking them again. The archive is written when a service exits after a run without
 * one, and used by every later start of the same build with the same JVM and options; a rebuild names a new archive.
 */
public final class ClassArchive {
    private final Path file;
    private final String service;

    private ClassArchive(Path file, String service) {
        this.file = file;
        this.service = service;
    }

    /** The archive of {@code service}'s build in {@code repository}, kept in {@code directory}. */
    public static ClassArchive of(Path directory, Path repository, String service, List<String> jvmOptions) {
        return new ClassArchive(directory.resolve(service + "-" + fingerprint(ServiceProcess.jar(repository, service).getParent(),
                jvmOptions) + ".jsa"), service);
    }

    public Path file() {
        return file;
    }

    /** Use the archive if there is one, else write it when the service exits (in place of an earlier build's). */
    public List<String> jvmOptions() throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return List.of("-XX:SharedArchiveFile=" + file);
        }
        Files.createDirectories(file.getParent());
        try (Stream<Path> earlier = Files.list(file.getParent())) {
            for (Path old : earlier.filter(p -> p.getFileName().toString().matches(service + "-[0-9a-f]{16}\\.jsa")).toList()) {
                Files.deleteIfExists(old);
            }
        }
        return List.of("-XX:ArchiveClassesAtExit=" + file);
    }

    /** What the archive depends on: every file of the build (name, size, time), the JVM, and its options. */
    static String fingerprint(Path build, List<String> jvmOptions) {
        try (Stream<Path> files = Files.exists(build) ? Files.walk(build) : Stream.empty()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path path : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jsa")).sorted().toList()) {
                digest.update((build.relativize(path) + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis()
                        + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update((Runtime.version() + " " + System.getProperty("java.home") + " " + jvmOptions)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
