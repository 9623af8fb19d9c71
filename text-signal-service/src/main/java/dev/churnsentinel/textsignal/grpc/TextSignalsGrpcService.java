package dev.churnsentinel.textsignal.grpc;

import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.proto.signals.v1.AnalyzeBatch;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.AnalyzedBatch;
import dev.churnsentinel.proto.signals.v1.Aspect;
import dev.churnsentinel.proto.signals.v1.Emotion;
import dev.churnsentinel.proto.signals.v1.EmotionType;
import dev.churnsentinel.proto.signals.v1.RiskCategory;
import dev.churnsentinel.proto.signals.v1.RiskKeyword;
import dev.churnsentinel.proto.signals.v1.Sentiment;
import dev.churnsentinel.proto.signals.v1.SentimentLabel;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import dev.churnsentinel.textsignal.analysis.AnalysisService;
import dev.churnsentinel.textsignal.lexicon.Analysis;
import io.grpc.Status;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * gRPC face of the analysis: unary and bidirectional streaming. The analysis is CPU work without I/O (about 20 µs
 * for a 100-character text, a few ms for the longest allowed), so it runs on the gRPC event loop: hopping to a worker
 * thread for every text cost two thirds of the streaming throughput (10k vs 30k texts/s, bench/text-signal-load.sh).
 */
@GrpcService
public class TextSignalsGrpcService implements TextSignals {
    private final AnalysisService analysis;

    public TextSignalsGrpcService(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @Override
    public Uni<AnalyzeResponse> analyze(AnalyzeRequest request) {
        return Uni.createFrom().item(() -> {
            try {
                return toProto(request.getTenant(), analyzeText(request));
            } catch (ProblemException e) {
                throw Status.INVALID_ARGUMENT.withDescription(reason(e)).asRuntimeException();
            }
        });
    }

    /** One answer per text, in order; a text that cannot be analysed gets an answer with its error, the stream goes on. */
    @Override
    public Multi<AnalyzeResponse> analyzeStream(Multi<AnalyzeRequest> requests) {
        return requests.map(this::answer);
    }

    /**
     * One answer per batch, results in the batch's order. A batch is analysed on a worker thread: one hop for many
     * texts (a batch of 500 is about 10 ms of CPU, too long to hold the event loop).
     */
    @Override
    @Blocking
    public Multi<AnalyzedBatch> analyzeBatches(Multi<AnalyzeBatch> batches) {
        return batches.map(batch -> {
            AnalyzedBatch.Builder out = AnalyzedBatch.newBuilder();
            boolean tooMany = batch.getTextsCount() > analysis.maxBatchSize();
            for (AnalyzeRequest request : batch.getTextsList()) {
                out.addResults(tooMany
                        ? AnalyzeResponse.newBuilder().setId(request.getId())
                                .setError("texts must hold at most " + analysis.maxBatchSize() + " texts").build()
                        : answer(request));
            }
            return out.build();
        });
    }

    private AnalyzeResponse answer(AnalyzeRequest request) {
        try {
            return toProto(request.getTenant(), analyzeText(request));
        } catch (ProblemException e) {
            return AnalyzeResponse.newBuilder().setId(request.getId()).setError(reason(e)).build();
        }
    }

    private Analysis analyzeText(AnalyzeRequest request) {
        return analysis.analyze(request.getTenant(), request.getId(), request.getText(), "text");
    }

    private static String reason(ProblemException e) {
        return e.problem().errors().isEmpty() ? e.getMessage()
                : e.problem().errors().get(0).field() + " " + e.problem().errors().get(0).message();
    }

    AnalyzeResponse toProto(String tenant, Analysis a) {
        AnalyzeResponse.Builder out = AnalyzeResponse.newBuilder()
                .setId(a.id())
                .setSentiment(Sentiment.newBuilder()
                        .setLabel(SentimentLabel.valueOf(a.sentiment().label().name()))
                        .setPolarity(a.sentiment().polarity())
                        .setConfidence(a.sentiment().confidence()))
                .setHighRisk(a.highRisk())
                .setPriceSensitive(a.priceSensitive())
                .setLexiconVersion(analysis.lexiconVersion(tenant));
        a.emotions().forEach(e -> out.addEmotions(Emotion.newBuilder()
                .setType(EmotionType.valueOf(e.type())).setIntensity(e.intensity())));
        a.riskKeywords().forEach(k -> out.addRiskKeywords(RiskKeyword.newBuilder()
                .setTerm(k.term()).setCategory(RiskCategory.valueOf(k.category())).setNegated(k.negated())
                .setStart(k.start()).setEnd(k.end()).setQuestion(k.question())
                .setDismissed(k.dismissed() == null ? "" : k.dismissed()).setInferred(k.inferred())));
        a.aspects().forEach(x -> out.addAspects(Aspect.newBuilder().setAspect(x.aspect()).setPolarity(x.polarity())));
        return out.build();
    }
}
