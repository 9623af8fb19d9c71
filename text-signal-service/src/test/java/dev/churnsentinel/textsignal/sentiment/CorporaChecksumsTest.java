package dev.churnsentinel.textsignal.sentiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tools/fetch-corpora.sh --verify}, offline: the download itself needs the network, the check that guards what
 * the sentiment model is trained and evaluated on does not. The corpora are stand-ins written here, checked against a
 * list of their own sums; the list checked in is checked for its form and its five files.
 */
class CorporaChecksumsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("tools/fetch-corpora.sh");

    private record Run(int status, String output) {
    }

    @Test
    void theCheckedInListNamesTheFiveCorporaEachWithASha256() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("text-signal-service/data/corpora.sha256"));
        assertEquals(List.of("ChnSentiCorp_htl_all.csv", "chnsenticorp_train.tsv", "chnsenticorp_dev.tsv",
                "chnsenticorp_test.tsv", "online_shopping_10_cats.csv"), lines.stream().map(l -> l.split("  ")[1]).toList());
        lines.forEach(l -> assertTrue(l.matches("[0-9a-f]{64}  \\S+"), l));
    }

    @Test
    void everyCorpusOfTheListIsReportedMissingFromAnEmptyFolder(@TempDir Path empty) throws Exception {
        Run run = run("--verify", empty.toString());

        assertEquals(1, run.status(), run.output());
        assertEquals(5, run.output().lines().filter(l -> l.startsWith("MISSING")).count(), run.output());
    }

    @Test
    void filesWhoseSumsMatchPassAndAChangedOrMissingOneFails(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.tsv"), "label\ttext_a\n1\t服务很好\n", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("b.csv"), "cat,label,review\n酒店,0,太差了\n", StandardCharsets.UTF_8);
        Path sums = dir.resolve("sums");
        Files.writeString(sums, "# test corpora\n" + sha256(data.resolve("a.tsv")) + "  a.tsv\n"
                + sha256(data.resolve("b.csv")) + "  b.csv\n");

        Run ok = run("--sums", sums.toString(), "--verify", data.toString());
        assertEquals(0, ok.status(), ok.output());
        assertEquals(List.of("OK        a.tsv", "OK        b.csv"), ok.output().lines().toList());

        Files.writeString(data.resolve("b.csv"), "cat,label,review\n酒店,1,太差了\n", StandardCharsets.UTF_8);
        Run changed = run("--sums", sums.toString(), "--verify", data.toString());
        assertEquals(1, changed.status(), changed.output());
        assertTrue(changed.output().contains("MISMATCH  b.csv"), changed.output());

        Files.delete(data.resolve("a.tsv"));
        Run missing = run("--sums", sums.toString(), "--verify", data.toString());
        assertEquals(1, missing.status(), missing.output());
        assertTrue(missing.output().contains("MISSING   a.tsv"), missing.output());
    }

    private static Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "fetch-corpora.sh did not finish");
        return new Run(process.exitValue(), output);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
