package io.xmonitor.analytics;

/** Posts counted together, and the sums of their latest counts. */
public record Tally(long posts, long significant, long likes, long reposts, long replies, long views) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);
    /** How {@link #score()} is computed, as the API documents it. */
    public static final String SCORE_FORMULA = "likes + 2 × reposts + 3 × replies";

    /**
     * A repost carries a post to another audience and a reply costs its writer more than a like;
     * views are passive and, often a hundred times the rest, would drown them, so they stay out.
     */
    public long score() {
        return likes + 2 * reposts + 3 * replies;
    }

    public Tally plus(Tally other) {
        return new Tally(posts + other.posts, significant + other.significant, likes + other.likes, reposts + other.reposts,
                replies + other.replies, views + other.views);
    }
}
