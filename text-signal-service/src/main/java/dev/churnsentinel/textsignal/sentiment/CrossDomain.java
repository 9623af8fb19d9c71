package dev.churnsentinel.textsignal.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How the model travels: for each domain of {@link SentimentCorpora}, a model trained with the same settings on the
 * pool without that domain ({@link SentimentCorpora#trainingWithout}) is tested on all of the domain's texts (left
 * out), beside the shipped model on the domain's held-out part (in domain). ChnSentiCorp's three domains are also
 * left out together, and that model tested on chnsenticorp_test.
 */
public final class CrossDomain {
    /** The ChnSentiCorp row's name: its three domains left out together, tested on chnsenticorp_test. */
    public static final String CHNSENTICORP = "酒店+书籍+计算机: chnsenticorp_test";

    /** One domain: the model under test on its held-out part, and a model that never saw it on all of it. */
    public record Row(String domain, SentimentEvaluation inDomain, SentimentEvaluation leftOut, int trainedOn) {
    }

    private CrossDomain() {
    }

    /**
     * The rows of {@code domains} (categories of online_shopping, or {@link #CHNSENTICORP}), trained on
     * {@code threads} threads; {@code model} is the one measured in domain (the shipped one, trained on the pool).
     */
    public static List<Row> run(SentimentCorpora corpora, SentimentModel model, SentimentTrainer.Options options,
                                List<String> domains, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (String domain : domains) {
                futures.add(pool.submit(() -> row(corpora, model, options, domain)));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> future : futures) {
                rows.add(future.get());
            }
            return rows;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a leave-one-domain-out training failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static Row row(SentimentCorpora corpora, SentimentModel model, SentimentTrainer.Options options, String domain) {
        boolean chnSentiCorp = CHNSENTICORP.equals(domain);
        Set<String> leftOut = chnSentiCorp ? SentimentCorpora.CHNSENTICORP_DOMAINS : Set.of(domain);
        List<LabelledText> training = corpora.trainingWithout(leftOut);
        SentimentModel without = new SentimentTrainer(options).train(training, "without " + domain);
        List<LabelledText> inDomain = chnSentiCorp ? corpora.test() : corpora.heldOut(domain);
        List<LabelledText> all = chnSentiCorp ? corpora.test() : corpora.domain(domain);
        return new Row(domain, SentimentEvaluation.of(model, inDomain), SentimentEvaluation.of(without, all),
                training.size());
    }

    /** The rows as the model card's Markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("""
                | Domain | In domain: held-out texts | accuracy [95 % interval] | Left out: texts | accuracy [95 % interval] | trained on |
                |---|---:|---:|---:|---:|---:|
                """);
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %s | %,d |%n", row.domain(),
                    row.inDomain().texts(), row.inDomain().accuracyWithInterval(), row.leftOut().texts(),
                    row.leftOut().accuracyWithInterval(), row.trainedOn()));
        }
        return table.toString();
    }
}
