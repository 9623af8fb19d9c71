package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The risk detector: what it reads of a sentence, where the analysis hands it sentences, and that training reproduces it. */
class RiskDetectorTest {
    static TextAnalyzer analyzer;
    static RiskDetector detector;

    @BeforeAll
    static void load() throws IOException {
        analyzer = TextAnalyzer.builtIn();
        detector = analyzer.riskDetector();
    }

    static List<String> grams(String text) {
        String normalized = Lexicon.normalize(text);
        List<String> names = new ArrayList<>();
        RiskDetector.grams(normalized, 0, normalized.length(), (key, from, to) -> {
            String name = RiskDetector.name(key, normalized, from, to);
            assertEquals(key, RiskDetector.key(name), name + " finds its key again from its name");
            names.add(name);
        });
        return names;
    }

    @Test
    void chineseIsReadInCharactersPairsAndTriplesWithinARun() {
        assertEquals(List.of("另", "另找", "另找一", "找", "找一", "找一家", "一", "一家", "家"), grams("另找一家"));
        assertEquals(List.of("不", "不续", "续", "了"), grams("不续，了"), "punctuation ends a run");
    }

    @Test
    void latinTextIsReadInWordsAndPairsWithinAClause() {
        assertEquals(List.of("w:we", "w:will", "ww:we will", "w:switch", "ww:will switch", "w:can't", "w:go", "ww:can't go"),
                grams("We  will switch, can't go"));
    }

    @Test
    void sentencesAreWhatLiesBetweenFullStopsWithoutTheSpacesAround() {
        String text = Lexicon.normalize(" 价格还行。 下个月我们另找一家！Thanks. 3.5 stars");
        List<String> sentences = RiskDetector.sentences(text).stream().map(s -> text.substring(s[0], s[1])).toList();
        assertEquals(List.of("价格还行", "下个月我们另找一家", "thanks", "3.5 stars"), sentences);
        assertTrue(RiskDetector.question("怎么终止合同?", 0, 6));
        assertTrue(RiskDetector.question("能退吗", 0, 3));
        assertFalse(RiskDetector.question("能退", 0, 2));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "要是下周还修不好，我们就另找一家了。 | COMPETITOR",
            "合同到期后不打算再合作了。 | END_COOPERATION",
            "客服态度挺好，问题当天就解决了。 | ",
            "东西很好，下次还来。 | ",
            "请问发票怎么开？ | "})
    void theShippedDetectorReadsRisksInOtherWords(String text, String category) {
        List<Analysis.RiskKeyword> inferred = analyzer.analyze("t", text).riskKeywords().stream()
                .filter(Analysis.RiskKeyword::inferred).toList();
        assertEquals(category == null ? List.of() : List.of(category),
                inferred.stream().map(Analysis.RiskKeyword::category).toList(), text);
        assertTrue(analyzer.with((RiskDetector) null).analyze("t", text).riskKeywords().isEmpty(),
                "no listed phrase in " + text);
    }

    @Test
    void aSentenceWithAListedPhraseIsLeftToThePhrase() {
        // 解约 is listed and negated here: the detector does not get a second say on the sentence
        Analysis analysis = analyzer.analyze("t", "我们不会解约的。");
        assertTrue(analysis.riskKeywords().stream().noneMatch(Analysis.RiskKeyword::inferred), analysis.toString());
        assertFalse(analysis.highRisk());
    }

    @Test
    void anInferredRiskSpansItsSentenceInTheCallersText() {
        RiskDetector always = detector.withThreshold(0);
        String text = "服務很好。　下個月我們另找一家吧！";
        Analysis analysis = analyzer.with(always).analyze("t", text);
        List<Analysis.RiskKeyword> inferred = analysis.riskKeywords().stream().filter(Analysis.RiskKeyword::inferred).toList();
        assertEquals(2, inferred.size(), analysis.toString());
        Analysis.RiskKeyword second = inferred.get(1);
        assertEquals("下個月我們另找一家吧", second.term());
        assertEquals(text.indexOf("下"), second.start());
        assertEquals(text.substring(second.start(), second.end()), second.term());
        assertTrue(second.counts() && !second.negated());
        assertNull(second.dismissed());
        assertTrue(analysis.highRisk());
    }

    @Test
    void withoutADetectorOnlyPhrasesCount() {
        Analysis analysis = analyzer.with((RiskDetector) null).analyze("t", "下個月我們另找一家吧");
        assertTrue(analysis.riskKeywords().stream().noneMatch(Analysis.RiskKeyword::inferred));
    }

    @Test
    void trainingReproducesTheShippedModel() throws IOException, URISyntaxException {
        Path labelled = Path.of(Objects.requireNonNull(getClass().getResource("/labelled")).toURI());
        List<DetectorTrainer.Example> examples = DetectorTrainer.examples(labelled);
        DetectorTrainer.Options options = DetectorTrainer.Options.defaults();
        RiskDetector trained = new DetectorTrainer(options, analyzer.model())
                .train(examples, DetectorTrainer.description(examples.size(), options));
        String shipped;
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream("clause/detector.tsv"))) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(shipped, trained.write(), "clause/detector.tsv is not what DetectorTrainer makes of labelled/ "
                + "(retrain: see DetectorTrainer's class comment)");
        assertEquals(shipped, RiskDetector.read(new StringReader(shipped)).write(), "read and written back");
    }

    @Test
    void aBrokenFileIsRefusedWithItsLine() {
        String shipped = detector.write();
        IOException classes = assertThrows(IOException.class,
                () -> RiskDetector.read(new StringReader(shipped.replace("\tESCALATION\n", "\tOTHER\n"))));
        assertTrue(classes.getMessage().contains("classes must be"), classes.getMessage());
        IOException feature = assertThrows(IOException.class,
                () -> RiskDetector.read(new StringReader(shipped.replaceFirst("\n@negative\t", "\n@mood\t"))));
        assertTrue(feature.getMessage().contains("unexpected feature '@mood'"), feature.getMessage());
        IOException weights = assertThrows(IOException.class,
                () -> RiskDetector.read(new StringReader(shipped + "解约\t1.0\n")));
        assertTrue(weights.getMessage().contains("expected a name and 8 weights"), weights.getMessage());
    }
}
