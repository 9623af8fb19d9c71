package dev.churnsentinel.ingestion.intake;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests are strings; a request's size is its length; a statement answers with the requests it carried, joined. */
class CoalescerTest {
    /** The statements run so far, each answered only when the test says so. */
    private final List<List<String>> statements = new ArrayList<>();
    private final List<UniEmitter<? super String>> pending = new ArrayList<>();

    private Coalescer<String, String> coalescer(int inFlight, int maxItems) {
        return new Coalescer<>(inFlight, maxItems, String::length, requests -> {
            statements.add(requests);
            return Uni.createFrom().emitter(pending::add);
        });
    }

    private void finish(int statement) {
        pending.get(statement).complete(String.join("+", statements.get(statement)));
    }

    private static CompletableFuture<String> send(Coalescer<String, String> coalescer, String request) {
        return coalescer.submit(request).subscribeAsCompletionStage();
    }

    @Test
    void aRequestWithAFreeSlotRunsAtOnceAndAloneEvenWhenOthersCouldFollow() {
        Coalescer<String, String> coalescer = coalescer(2, 100);
        CompletableFuture<String> a = send(coalescer, "a");
        CompletableFuture<String> b = send(coalescer, "b");
        assertEquals(List.of(List.of("a"), List.of("b")), statements);
        finish(1);
        assertEquals("b", b.join());
        assertFalse(a.isDone());
        finish(0);
        assertEquals("a", a.join());
    }

    @Test
    void requestsArrivingWhileTheSlotsAreBusyGoTogetherInTheirOrder() {
        Coalescer<String, String> coalescer = coalescer(1, 100);
        CompletableFuture<String> a = send(coalescer, "a");
        CompletableFuture<String> b = send(coalescer, "b");
        CompletableFuture<String> c = send(coalescer, "c");
        assertEquals(List.of(List.of("a")), statements);
        finish(0);
        assertEquals("a", a.join());
        assertEquals(List.of(List.of("a"), List.of("b", "c")), statements);
        finish(1);
        assertEquals("b+c", b.join());
        assertEquals("b+c", c.join());
        send(coalescer, "d");
        assertEquals(List.of("d"), statements.get(2), "the slot is free again once nothing waits");
    }

    @Test
    void aStatementHoldsAtMostMaxItemsAndNeverSplitsARequest() {
        Coalescer<String, String> coalescer = coalescer(1, 5);
        send(coalescer, "x");
        send(coalescer, "aaa");
        send(coalescer, "bb");
        send(coalescer, "cccccccc"); // larger than a statement: goes alone
        send(coalescer, "d");
        finish(0);
        finish(1);
        finish(2);
        assertEquals(List.of(List.of("x"), List.of("aaa", "bb"), List.of("cccccccc"), List.of("d")), statements);
    }

    @Test
    void whenRequestsThatWentTogetherFailEachIsTriedAloneAndOnlyTheBadOneFails() {
        Coalescer<String, String> coalescer = new Coalescer<>(1, 100, String::length, requests -> {
            statements.add(requests);
            return requests.contains("bad") ? Uni.createFrom().failure(new IllegalArgumentException("bad row"))
                    : requests.size() == 1 && requests.get(0).equals("first") ? Uni.createFrom().emitter(pending::add)
                    : Uni.createFrom().item(String.join("+", requests));
        });
        CompletableFuture<String> first = send(coalescer, "first");
        CompletableFuture<String> good = send(coalescer, "good");
        CompletableFuture<String> bad = send(coalescer, "bad");
        CompletableFuture<String> fine = send(coalescer, "fine");
        pending.get(0).complete("first");
        assertEquals("first", first.join());
        assertEquals(List.of(List.of("first"), List.of("good", "bad", "fine"), List.of("good"), List.of("bad"), List.of("fine")),
                statements);
        assertEquals("good", good.join());
        assertEquals("fine", fine.join());
        assertTrue(bad.isCompletedExceptionally());
        assertEquals("bad row", bad.handle((ok, failure) -> failure.getMessage()).join());
        send(coalescer, "after");
        assertEquals(List.of("after"), statements.get(5), "a failure frees the slot");
    }
}
