package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clause classifier: its features on crafted sentences, its judgements, and that training reproduces it. */
class ClauseModelTest {
    static TextAnalyzer analyzer;
    static ClauseFeatures features;

    @BeforeAll
    static void load() throws IOException {
        analyzer = TextAnalyzer.builtIn();
        features = ClauseFeatures.builtIn();
    }

    /** The names of the features on their own (not crossed with the category) that the first phrase of the text has. */
    static List<String> featuresOf(String text) {
        TextAnalyzer.Judged phrase = analyzer.judged(text, features, 0).get(0);
        List<String> names = new ArrayList<>();
        ClauseFeatures.Vector x = phrase.features();
        for (int i = 0; i < x.size(); i++) {
            if (x.indices()[i] % ClauseFeatures.STRIDE == 0 && x.values()[i] != 0) {
                names.add(features.name(x.indices()[i]));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0} has {1}")
    @CsvSource(delimiter = '|', value = {
            // conditionals: the condition in the clause before the threat, 再…就 in the threat's own
            "要是下周还修不好，我就退款 | COND@sentence",
            "如果再这样，我们就解约 | COND@sentence",
            "再拖一次我就投诉 | AGAIN@clause",
            "再拖一次我就投诉 | then-before",
            "除非今天给答复，否则我们就解约 | UNLESS@sentence",
            "If you raise the price again, we will cancel | COND@sentence",
            "如果我要解约，需要提前多久通知？ | CHURNQ@sentence",
            "虽然要解约了，还是感谢这几年的服务 | ALTHOUGH@clause",
            "比别的店贵了好几百 | other-risk",
            // settled
            "退款的钱已经到账了，谢谢 | SETTLED@clause",
            "之前想解约，现在挺好的 | PAST@clause",
            "之前想解约，现在挺好的 | NOW@sentence",
            "說好的退款到現在還沒到 | STILL@clause",
            // praise and comparison
            "比别家便宜多了，换别家不划算 | COMPARE@clause",
            "比别家实惠多了 | GOODVALUE@clause",
            "比别家实惠多了 | bi+good-after",
            "比别的店贵了好几百 | bi+bad-after",
            "隔壁店服务更好 | good-after",
            "客服很专业，比竞品好 | PRAISE@sentence",
            // subject
            "朋友说要去投诉他们 | OTHER@clause",
            "朋友说要去投诉他们 | other-subject-first",
            "我们要解约 | WE@clause",
            "Our friend wants to cancel | OTHER@clause",
            // questions
            "怎么取消自动续费？ | HOW@clause",
            "退款一般几天到账？ | INFO@clause",
            "退款一般几天到账？ | question",
            // contrast and negation beyond the lexicon's three characters
            "服务不错，但我要退款 | contrast-before",
            "我要退款，不过算了 | contrast-after",
            "没办法了只能投诉 | neg-near",
    })
    void aCueIsRead(String text, String feature) {
        assertTrue(featuresOf(text.strip()).contains(feature.strip()), text + ": " + featuresOf(text.strip()));
    }

    @Test
    void cuesInsideThePhraseOrInsideAnEnglishWordAreNotRead() {
        // 不 of 不想再续 is the phrase's own; "helpful" inside "unhelpful" is no praise
        assertFalse(featuresOf("合同到期就不想再续了").contains("neg-near"), featuresOf("合同到期就不想再续了").toString());
        assertFalse(featuresOf("The support was rude and unhelpful, I will cancel").contains("PRAISE@clause"));
    }

    @Test
    void eachFeatureHasANameTheModelFileCanFindAgain() {
        for (int i = 0; i < features.cueDimension(); i++) {
            assertEquals(i, features.index(features.name(i)), features.name(i));
        }
        assertEquals(-1, features.index("NO-SUCH@clause"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "退款的钱已经到账了，谢谢 | SETTLED",
            "朋友说要去投诉你们 | HYPOTHETICAL_OTHER",
            "我要退款 | ",
            "合同到期我们就解约，不想再续了。 | ",
            "如果下周还不退款，我就去投诉 | ",
    })
    void theShippedModelJudges(String text, String dismissed) {
        List<Analysis.RiskKeyword> risks = analyzer.analyze("j", text.strip()).riskKeywords();
        assertFalse(risks.isEmpty(), text);
        if (dismissed == null) {
            assertTrue(risks.stream().anyMatch(Analysis.RiskKeyword::counts), text + " " + risks);
        } else {
            assertTrue(risks.stream().noneMatch(Analysis.RiskKeyword::counts), text + " " + risks);
            assertEquals(dismissed.strip(), risks.get(0).dismissed(), text + " " + risks);
        }
    }

    @Test
    void aDismissedPhraseKeepsItsPlaceButMakesNoRisk() {
        String text = "退款的钱已经到账了，谢谢";
        Analysis a = analyzer.analyze("d", text);
        Analysis.RiskKeyword refund = a.riskKeywords().get(0);
        assertEquals("退款", text.substring(refund.start(), refund.end()));
        assertNotNull(refund.dismissed());
        assertFalse(refund.negated());
        assertFalse(a.highRisk());
        Analysis without = analyzer.with((ClauseModel) null).analyze("d", text);
        assertTrue(without.highRisk(), "the lexicon alone counts it");
        assertNull(without.riskKeywords().get(0).dismissed());
    }

    @Test
    void trainingReproducesTheShippedModel() throws IOException {
        List<ClauseTrainer.Row> rows;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/labelled/clauses.tsv"))) {
            rows = ClauseTrainer.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        ClauseTrainer.Options options = ClauseTrainer.Options.defaults();
        ClauseModel trained = new ClauseTrainer(options, TextAnalyzer.lexiconOnly(), features)
                .train(rows, ClauseTrainer.description("clauses.tsv", rows.size(), options));
        String shipped;
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream("clause/model.tsv"))) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(shipped, trained.write(), "clause/model.tsv is not what ClauseTrainer makes of labelled/clauses.tsv "
                + "(retrain: see ClauseTrainer's class comment)");
        assertEquals(shipped, ClauseModel.read(new StringReader(shipped), features).write(), "read and written back");
    }

    @Test
    void aModelOfOtherCueWordsIsRefusedByName() throws IOException {
        ClauseFeatures fewer = ClauseFeatures.read(new StringReader("COND\t如果\nUNLESS\t否则\nAGAIN\t再\nTHEN\t就\n"
                + "CONCESSIVE\t即使\nCONTRAST\t但是\nNEG\t不\nWE\t我\nYOU\t你\nOTHER\t他\nGOODVALUE\t值\nPRAISE\t好\nBAD\t差\n"));
        String shipped = ClauseModel.builtIn().write();
        IOException e = assertThrows(IOException.class, () -> ClauseModel.read(new StringReader(shipped), fewer));
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());
    }
}
