package dev.churnsentinel.scoring.health;

import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.RiskCategory;
import dev.churnsentinel.proto.signals.v1.RiskKeyword;
import dev.churnsentinel.proto.signals.v1.Sentiment;
import dev.churnsentinel.scoring.model.Inputs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingsTest {

    @Test
    void aRiskKeywordTheClauseClassifierDismissedIsNoRiskPhrase() {
        AnalyzeResponse analysis = AnalyzeResponse.newBuilder()
                .setSentiment(Sentiment.newBuilder().setPolarity(0.4))
                .addRiskKeywords(RiskKeyword.newBuilder().setTerm("退款").setCategory(RiskCategory.REFUND)
                        .setStart(0).setEnd(2).setDismissed("SETTLED"))
                .addRiskKeywords(RiskKeyword.newBuilder().setTerm("投诉").setCategory(RiskCategory.ESCALATION)
                        .setStart(9).setEnd(11))
                .build();
        List<Inputs.RiskPhrase> risks = Findings.text(analysis).risks();
        assertEquals(List.of("投诉"), risks.stream().map(Inputs.RiskPhrase::term).toList());
    }
}
