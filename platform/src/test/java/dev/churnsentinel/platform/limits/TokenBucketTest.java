package dev.churnsentinel.platform.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsTakenThenTokensComeAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(SECOND / 10, bucket.take(0), "the next token in a tenth of a second");
        assertEquals(0, bucket.take(SECOND / 10));
        assertEquals(SECOND / 20, bucket.take(SECOND / 10 + SECOND / 20), "half a token there: half the wait left");
    }

    @Test
    void anIdleBucketFillsUpToItsBurstOnly() {
        TokenBucket bucket = new TokenBucket(100, 2, 0);
        bucket.take(0);
        bucket.take(0);
        long later = 60 * SECOND;
        assertEquals(0, bucket.take(later));
        assertEquals(0, bucket.take(later));
        assertEquals(SECOND / 100, bucket.take(later));
    }

    @Test
    void aBucketNeedsARateAndRoomForOne() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0.5, 0));
    }
}
