package dev.keydesk.app.keys;

import dev.keydesk.client.model.ApiKey;

import java.util.List;

/**
 * Brings the review workspace forward with some keys (the review feature implements it): "Review…"
 * on the table and the expiry panel, and "Rotate…", since a rotation starts with its review.
 */
@FunctionalInterface
public interface KeyReviews {

    /** Reviews {@code keys}; {@code toRotate}: the person asked to rotate them (the workspace offers that first). */
    void review(List<ApiKey> keys, boolean toRotate);
}
