package dev.churnsentinel.scoring.health;

import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.scoring.model.Inputs;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** From the Kafka and gRPC messages to the model's plain inputs. */
final class Findings {
    private Findings() {
    }

    static Inputs.Feedback feedback(FeedbackReceived f, AnalyzeResponse analysis) {
        return new Inputs.Feedback(f.getFeedbackId(), OffsetDateTime.parse(f.getOccurredAt()).toInstant(),
                f.getText(), f.hasNps() ? f.getNps() : null, f.hasSatisfaction() ? f.getSatisfaction() : null,
                analysis == null ? null : text(analysis));
    }

    static Inputs.Event event(EventReceived e) {
        return new Inputs.Event(e.getType(), OffsetDateTime.parse(e.getOccurredAt()).toInstant(),
                e.hasAmount() ? e.getAmount() : null, e.getAttributesMap());
    }

    static Inputs.TextFindings text(AnalyzeResponse a) {
        Map<String, Double> emotions = new LinkedHashMap<>();
        a.getEmotionsList().forEach(e -> emotions.put(e.getType().name(), e.getIntensity()));
        return new Inputs.TextFindings(a.getSentiment().getPolarity(),
                // a phrase the clause classifier dismissed (praise, settled, someone else's, a plain question) is no risk
                a.getRiskKeywordsList().stream().filter(k -> k.getDismissed().isEmpty()).map(k -> new Inputs.RiskPhrase(k.getCategory().name(), k.getTerm(),
                        k.getNegated(), k.getStart(), k.getEnd())).toList(),
                emotions, a.getPriceSensitive());
    }
}
