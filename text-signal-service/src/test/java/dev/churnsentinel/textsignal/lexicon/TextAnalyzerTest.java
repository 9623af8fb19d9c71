package dev.churnsentinel.textsignal.lexicon;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextAnalyzerTest {
    static TextAnalyzer analyzer;

    @BeforeAll
    static void loadBaseLexicon() throws IOException {
        analyzer = TextAnalyzer.builtIn();
    }


    @Test
    void cancellationIsHighRiskWithOffsetsIntoTheOriginalText() {
        String text = "合同到期我们就解约，不想再续了。";
        Analysis a = analyzer.analyze("1", text);
        assertTrue(a.highRisk());
        Analysis.RiskKeyword first = a.riskKeywords().get(0);
        assertEquals("解约", first.term());
        assertEquals("CANCELLATION", first.category());
        assertEquals("解约", text.substring(first.start(), first.end()));
        assertEquals(List.of("解约", "不想再续"), a.riskKeywords().stream().map(Analysis.RiskKeyword::term).toList());
        assertFalse(first.negated());
        assertEquals(Analysis.Label.NEGATIVE, a.sentiment().label());
    }

    @Test
    void calmPraiseIsPositiveAndNotRisky() {
        Analysis a = analyzer.analyze("2", "价格不贵，服务也挺周到的");
        assertFalse(a.highRisk());
        assertTrue(a.riskKeywords().isEmpty());
        assertEquals(Analysis.Label.POSITIVE, a.sentiment().label());
        assertTrue(a.emotions().stream().anyMatch(e -> e.type().equals("SATISFACTION")));
    }

    @ParameterizedTest(name = "{0} → negated={1}")
    @CsvSource({
            "我从来没想过解约, true",
            "放心，我们不会换别家, true",
            "我们并没有退款的打算, true",
            "不是不想解约，是没办法, false",
            "不得不解约了, false",
            "我要退款, false",
    })
    void negationWithinTheClause(String text, boolean negated) {
        Analysis a = analyzer.analyze("n", text);
        assertFalse(a.riskKeywords().isEmpty(), "a risk phrase is found in " + text);
        assertEquals(negated, a.riskKeywords().get(0).negated(), text);
        assertEquals(!negated, a.highRisk());
    }

    @Test
    void negationDoesNotCrossAClause() {
        Analysis a = analyzer.analyze("c", "服务不错，但我要退款");
        assertTrue(a.highRisk());
    }

    @Test
    void longestPhraseWinsAndTraditionalFullWidthTextIsNormalised() {
        Analysis a = analyzer.analyze("t", "客服態度惡劣！我要投訴到１２３１５");
        List<String> categories = a.riskKeywords().stream().map(Analysis.RiskKeyword::category).toList();
        assertEquals(List.of("POOR_SERVICE", "ESCALATION"), categories);
        assertEquals("投訴到１２３１５", a.riskKeywords().get(1).term());
        assertTrue(a.aspects().stream().anyMatch(x -> x.aspect().equals("SERVICE_ATTITUDE") && x.polarity() < 0));
    }

    @Test
    void priceRiskMakesThePriceSensitiveFlag() {
        Analysis a = analyzer.analyze("p", "续费价格太高了，不划算");
        assertTrue(a.priceSensitive());
        assertTrue(a.highRisk());
        assertFalse(analyzer.analyze("q", "价格不算太贵").priceSensitive());
    }

    @Test
    void questionsAreMarked() {
        Analysis a = analyzer.analyze("q", "如果不满意是不是可以退款？");
        assertTrue(a.riskKeywords().get(0).question());
        assertFalse(a.riskKeywords().get(0).negated(), "是不是 is not a negation");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "等了三个星期还没修好，真是气死我了, ANGER",
            "对你们失望透顶, DISAPPOINTMENT",
            "打了十几次电话，实在没辙了, HELPLESSNESS",
            "车明天急用，什么时候能修好？, ANXIETY",
            "服务很贴心，非常开心, SATISFACTION",
            "I am furious about this, ANGER",
    })
    void eachEmotionIsHeard(String text, String emotion) {
        Analysis a = analyzer.analyze("e", text);
        assertEquals(emotion, a.emotions().get(0).type(), a.emotions().toString());
        assertTrue(a.emotions().get(0).intensity() > 0 && a.emotions().get(0).intensity() <= 1);
    }

    @Test
    void overlappingPhrasesOfOneCategoryAreOnePieceOfEvidence() {
        Analysis a = analyzer.analyze("o", "价格太贵了，下个月就不续了");
        assertEquals(List.of("太贵", "不续了"), a.riskKeywords().stream().map(Analysis.RiskKeyword::term).toList());
    }

    @Test
    void aspectsCarryThePolarityOfTheirClause() {
        Analysis a = analyzer.analyze("a", "师傅的服务态度很好，但是等了很久，配件质量也一般");
        java.util.Map<String, Double> aspects = new java.util.HashMap<>();
        a.aspects().forEach(x -> aspects.put(x.aspect(), x.polarity()));
        assertTrue(aspects.get("SERVICE_ATTITUDE") > 0.2, a.aspects().toString());
        assertTrue(aspects.get("WAITING_TIME") < -0.2, a.aspects().toString());
    }

    @Test
    void degreeAdverbsAndExclamationRaiseEmotion() {
        double plain = intensity("有点失望", "DISAPPOINTMENT");
        double strong = intensity("非常失望！", "DISAPPOINTMENT");
        assertTrue(strong > plain, strong + " > " + plain);
    }

    @Test
    void englishPhrasesMatchWholeWordsOnly() {
        assertTrue(analyzer.analyze("e", "We will cancel the contract, too expensive").highRisk());
        assertFalse(analyzer.analyze("e", "There is an issue with the login").highRisk(), "sue inside issue");
    }

    @Test
    void malformedLexiconLinesAreNamed() {
        IOException e = assertThrows(IOException.class, () -> Lexicon.read(new StringReader("RISK\t解约\nSENT\t好\tgood\n")));
        assertTrue(e.getMessage().startsWith("lexicon line 1"), e.getMessage());
    }

    private static double intensity(String text, String type) {
        return analyzer.analyze("x", text).emotions().stream().filter(e -> e.type().equals(type))
                .findFirst().orElseThrow().intensity();
    }
}
