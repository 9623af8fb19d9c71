package dev.churnsentinel.textsignal.sentiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The splits of the model card: what the shipped model may learn from, and what a model that leaves a domain out
 * learns from. The corpora here are small stand-ins, overlapping as the real ones do.
 */
class SentimentCorporaTest {
    private static final Predicate<LabelledText> HELD_OUT = SentimentCli.part(SentimentCorpora.HELD_OUT, true);

    private final List<LabelledText> train = List.of(pos("这本书写得真好"), neg("电脑散热太差"), neg("房间很吵"),
            pos("前台服务热情"), neg("这本书印刷太差了"));
    private final List<LabelledText> dev = List.of(pos("早餐丰富"), neg("键盘手感不好"));
    private final List<LabelledText> test = List.of(neg("隔音不好，晚上睡不着"), pos("物流快，书是正版"), neg("房间很吵"));
    private final List<LabelledText> hotels = List.of(neg("隔音不好 晚上睡不着"), pos("位置方便，早餐丰富"), pos("前台服务热情"));
    private final Map<String, List<LabelledText>> shopping = new LinkedHashMap<>();

    SentimentCorporaTest() {
        shopping.put("书籍", List.of(pos("这本书写得真好！"), pos("物流快,书是正版"), neg("纸张很薄")));
        shopping.put("计算机", List.of(neg("电脑散热太差"), pos("开机很快")));
        shopping.put("酒店", List.of(pos("位置方便，早餐丰富"), neg("房间很吵")));
        List<LabelledText> fruit = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String which = "很".repeat(i % 3) + (char) ('甲' + i);
            fruit.add(i % 2 == 0 ? pos("苹果" + which + "甜") : neg("橙子坏了" + which + "个"));
        }
        shopping.put("水果", fruit);
        shopping.put("蒙牛", List.of(pos("牛奶好喝"), neg("牛奶过期了"), pos("物流快，书是正版")));
    }

    private SentimentCorpora corpora() {
        return new SentimentCorpora(train, dev, test, hotels, shopping);
    }

    @Test
    void copiesDifferingInWidthSpacesPunctuationOrDigitsAreTheSameText() {
        assertEquals(SentimentCorpora.key("隔音不好，晚上睡不着"), SentimentCorpora.key("隔音不好 晚上睡不着"));
        assertEquals(SentimentCorpora.key("物流快,书是正版!"), SentimentCorpora.key("物流快，书是正版"));
        assertEquals(SentimentCorpora.key("ＡＢＣ 123"), SentimentCorpora.key("abc 456"));
        assertFalse(SentimentCorpora.key("好").equals(SentimentCorpora.key("不好")));
    }

    @Test
    void thePoolHasNoTestTextExceptTheTrainSplitsOwnCopies() {
        Set<String> pooled = SentimentCorpora.keys(corpora().training());
        // in hotels and in online_shopping, under other spellings: left out
        assertFalse(pooled.contains(SentimentCorpora.key("隔音不好，晚上睡不着")));
        assertFalse(pooled.contains(SentimentCorpora.key("物流快，书是正版")));
        // in chnsenticorp_train too: kept there, as the benchmark's protocol does
        assertTrue(pooled.contains(SentimentCorpora.key("房间很吵")));
        assertTrue(pooled.contains(SentimentCorpora.key("早餐丰富")));
    }

    @Test
    void thePoolHasNoTextOfOnlineShoppingsHeldOutPartWhereverItAppears() {
        SentimentCorpora corpora = corpora();
        Set<String> pooled = SentimentCorpora.keys(corpora.training());
        int heldOut = 0;
        for (String category : corpora.domains()) {
            for (LabelledText text : shopping.get(category)) {
                boolean inTrainSplit = SentimentCorpora.keys(train).contains(SentimentCorpora.key(text.text()));
                if (HELD_OUT.test(text) && !inTrainSplit) {
                    heldOut++;
                    assertFalse(pooled.contains(SentimentCorpora.key(text.text())), text.text());
                    assertTrue(corpora.heldOut(category).contains(text), text.text());
                }
            }
        }
        assertTrue(heldOut > 0, "the stand-ins have held-out texts");
    }

    @Test
    void everyPooledTextHasItsDomainAndTheTrainSplitsTakeTheirsFromOnlineShopping() {
        Map<String, String> domainOf = new LinkedHashMap<>();
        corpora().pool().forEach(s -> domainOf.putIfAbsent(s.text().text(), s.domain()));

        assertEquals("书籍", domainOf.get("这本书写得真好"));
        assertEquals("计算机", domainOf.get("电脑散热太差"));
        assertEquals(SentimentCorpora.MIXED, domainOf.get("键盘手感不好"));
        assertEquals("酒店", domainOf.get("前台服务热情"), "in ChnSentiCorp_htl_all, not in online_shopping");
    }

    @Test
    void leavingADomainOutLeavesNoneOfItsTextsInTrainingUnderAnyFileOrSpelling() {
        SentimentCorpora corpora = corpora();
        for (String domain : corpora.domains()) {
            Set<String> trained = SentimentCorpora.keys(corpora.trainingWithout(Set.of(domain)));
            for (LabelledText text : corpora.domain(domain)) {
                assertFalse(trained.contains(SentimentCorpora.key(text.text())), domain + ": " + text.text());
            }
            assertEquals(SentimentCorpora.keys(shopping.get(domain)), SentimentCorpora.keys(corpora.domain(domain)));
        }
    }

    @Test
    void leavingAChnSentiCorpDomainOutAlsoLeavesOutItsTextsOfUnknownCategory() {
        SentimentCorpora corpora = corpora();
        List<LabelledText> withoutBooks = corpora.trainingWithout(Set.of("书籍"));
        List<LabelledText> withoutFruit = corpora.trainingWithout(Set.of("水果"));

        assertFalse(withoutBooks.contains(neg("键盘手感不好")), "a ChnSentiCorp text online_shopping does not file");
        assertFalse(withoutBooks.contains(neg("这本书印刷太差了")));
        assertTrue(withoutBooks.contains(neg("牛奶过期了")));
        assertTrue(withoutFruit.contains(neg("键盘手感不好")));
        assertTrue(withoutFruit.stream().noneMatch(t -> t.text().contains("苹果") || t.text().contains("橙子")));
        assertTrue(withoutFruit.contains(pos("这本书写得真好")));
    }

    @Test
    void leavingChnSentiCorpsThreeDomainsOutLeavesOnlyOtherShopping() {
        List<LabelledText> training = corpora().trainingWithout(SentimentCorpora.CHNSENTICORP_DOMAINS);

        assertTrue(training.stream().allMatch(t -> t.text().contains("牛奶") || t.text().contains("苹果")
                || t.text().contains("橙子")), training.toString());
    }

    private static LabelledText pos(String text) {
        return new LabelledText(text, true);
    }

    private static LabelledText neg(String text) {
        return new LabelledText(text, false);
    }
}
