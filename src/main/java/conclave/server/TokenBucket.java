package conclave.server;

/**
 * One session's allowance of messages: starts full at {@code burst} tokens and refills at the
 * rate's pace on an injected nanosecond ticker. Not thread-safe: a session's requests run one at
 * a time, so it needs no lock.
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(RateLimit rate, long nowNanos) {
        this.capacity = rate.burst();
        this.tokensPerNano = rate.perSecond() / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes one token if there is one.
     *
     * @return 0 if a token was taken, otherwise how many nanoseconds until the next one
     */
    long take(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}
