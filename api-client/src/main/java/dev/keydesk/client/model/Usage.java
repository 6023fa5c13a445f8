package dev.keydesk.client.model;

/** How often a key was used; zero where a server does not say. */
public record Usage(long requestsToday, long requestsThisMonth) {

    public static final Usage NONE = new Usage(0, 0);
}
