package dev.churnsentinel.intervention.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: at most {@code max} attempts per key (an address, an e-mail) in a fixed window; past that,
 * {@link #allow} says no until the window ends. Memory is bounded: windows that ended are dropped once the map grows.
 */
public final class Attempts {
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(Instant start, int count) {
    }

    private final int max;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public Attempts(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Counts one attempt for {@code key}; false when it is over the limit. */
    public boolean allow(String key, Instant now) {
        if (windows.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Window after = windows.compute(key, (k, current) -> current == null || !now.isBefore(current.start().plus(window))
                ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
        return after.count() <= max;
    }

    private void sweep(Instant now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().start().plus(window))) {
                it.remove();
            }
        }
    }
}
