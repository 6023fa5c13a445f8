package dev.keydesk.server;

/** Rate-limit plans of the local server. */
public enum Plan {
    /** 100 requests per minute, 1,000 per hour. */
    FREE(100, 1_000),
    /** 500 requests per minute, 10,000 per hour. */
    PROFESSIONAL(500, 10_000),
    /** No limit; the headers then report {@link Integer#MAX_VALUE}. */
    UNLIMITED(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final int perMinute;
    private final int perHour;

    Plan(int perMinute, int perHour) {
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    public int perMinute() {
        return perMinute;
    }

    public int perHour() {
        return perHour;
    }
}
