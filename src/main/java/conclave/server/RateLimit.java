package conclave.server;

import java.util.Optional;

/**
 * A token-bucket rate: {@code perSecond} tokens refill each second, up to {@code burst} saved up.
 * Written {@code <per-second>/s:<burst>} (e.g. {@code 20/s:60}), or {@code off} for no limit.
 */
public record RateLimit(int perSecond, int burst) {
    /** 20 messages a second, 60 in a burst. */
    public static final RateLimit DEFAULT = new RateLimit(20, 60);

    public RateLimit {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least 1/s, got " + perSecond + "/s");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("the burst must be at least 1, got " + burst);
        }
    }

    /**
     * Parses {@code off}, {@code <n>/s} (burst 3 × n) or {@code <n>/s:<burst>}.
     *
     * @return empty for {@code off}
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Optional<RateLimit> parse(String text) {
        String value = text.trim();
        if (value.equals("off")) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        String rate = colon < 0 ? value : value.substring(0, colon);
        if (!rate.endsWith("/s")) {
            throw invalid(text);
        }
        int perSecond = positive(rate.substring(0, rate.length() - 2), text);
        int burst = colon < 0
                ? (int) Math.min(Integer.MAX_VALUE, 3L * perSecond)
                : positive(value.substring(colon + 1), text);
        return Optional.of(new RateLimit(perSecond, burst));
    }

    @Override
    public String toString() {
        return perSecond + "/s:" + burst;
    }

    private static int positive(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text);
        }
        int value = Integer.parseInt(digits);
        if (value < 1) {
            throw new IllegalArgumentException("rates and bursts must be at least 1, got `" + text + "`");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "expected `<per-second>/s`, `<per-second>/s:<burst>` or `off`, got `" + text + "`");
    }
}
