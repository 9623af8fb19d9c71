package dev.churnsentinel.platform.limits;

/**
 * A token bucket: {@code perSecond} tokens a second up to {@code burst}; a request takes one. Thread-safe.
 */
public final class TokenBucket {
    private static final long NANOS = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, double burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one token");
        }
        this.perNano = perSecond / NANOS;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token: 0 when there was one, else the nanoseconds until there is. */
    public synchronized long take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
