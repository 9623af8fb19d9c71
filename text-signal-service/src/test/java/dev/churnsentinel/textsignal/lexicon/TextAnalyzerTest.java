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

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "麻烦把我的会员卡取消掉, 会员卡取消, CANCELLATION",
            "我想把自动续费停掉, 自动续费停掉, CANCELLATION",
            "這個月就把帳號給註銷, 帳號給註銷, CANCELLATION",
            "请尽快把这单退了, 把这单退了, REFUND",
            "赶紧把钱给我退回来, 把钱给我退, REFUND",
    })
    void aGappedPhraseSpansItsHeadGapAndTail(String text, String span, String category) {
        Analysis.RiskKeyword risk = analyzer.analyze("g", text).riskKeywords().stream()
                .filter(r -> r.category().equals(category)).findFirst().orElseThrow(() -> new AssertionError(text));
        assertEquals(span, risk.term());
        assertEquals(span, text.substring(risk.start(), risk.end()));
        assertFalse(risk.negated());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "请把合同发我一份，取消的事以后再说",
            "把这个问题反映给经理了，不用取消",
            "我把那些乱七八糟的广告邮件全都取消",
            "帮我把这条短信提醒取消掉就行",
            "会员积分的规则我看了一下，取消",
    })
    void aGapDoesNotCrossAClauseOrReachTooFar(String text) {
        assertTrue(analyzer.analyze("g", text).riskKeywords().stream().noneMatch(r -> r.end() - r.start() > 3), text);
    }

    @ParameterizedTest(name = "{0} → {1} negated")
    @CsvSource({
            "我们不会把会员取消的, 会员取消",
            "会员先不要取消，我再想想, 会员先不要取消",
            "帐号暂时别注销, 帐号暂时别注销",
    })
    void aGappedPhraseIsNegatedBeforeItOrInItsGap(String text, String span) {
        Analysis a = analyzer.analyze("g", text);
        Analysis.RiskKeyword risk = a.riskKeywords().stream().filter(r -> r.term().equals(span)).findFirst()
                .orElseThrow(() -> new AssertionError(text + " " + a.riskKeywords()));
        assertTrue(risk.negated(), text);
        assertFalse(a.highRisk(), text);
    }

    @Test
    void aGappedTermIsOnlyReadWhenWrittenHeadMinMaxTail() throws IOException {
        Lexicon gapped = Lexicon.read(new StringReader("RISK\t把{1,3}停了\tCANCELLATION\n"));
        assertEquals(1, gapped.scan("把卡停了").size());
        assertTrue(gapped.scan("把停了").isEmpty(), "below the gap's minimum");
        assertTrue(gapped.scan("把四个字的停了").isEmpty(), "beyond the gap's maximum");
        IOException e = assertThrows(IOException.class, () -> Lexicon.read(new StringReader("RISK\t把{3,1}停了\tCANCELLATION\n")));
        assertTrue(e.getMessage().contains("HEAD{MIN,MAX}TAIL"), e.getMessage());
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
