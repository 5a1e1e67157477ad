package io.xmonitor.tools.load;

import io.xmonitor.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Post batches shaped like the collector's: a first capture with counts and text of 80 to 200
 * characters from a small vocabulary of topics, a tag, a rarer token and a hash; 5,000 handles over
 * four tiers; one post in ten significant. Status ids are this run's own.
 */
final class SyntheticPosts {

    private static final String[] TOPICS = {"rollup", "fees", "bridge", "validator", "airdrop", "sequencer", "gas", "staking",
            "wallet", "exploit", "governance", "liquidity", "oracle", "mainnet", "testnet", "upgrade"};
    private static final String[] FIRST = {"nadia", "ovid", "mira", "tobias", "lena", "fennel", "birch", "ember", "quinn", "sasha"};
    private static final String[] LAST = {"quill", "marsh", "okonkwo", "lindqvist", "vasquez", "capital", "fund", "rollup", "labs", "dao"};
    private static final String[] TIERS = {"teammate", "influencer", "ecosystem", "investor"};

    private final long runPrefix;
    private final Instant now;

    SyntheticPosts(long runPrefix, Instant now) {
        this.runPrefix = runPrefix;
        this.now = now;
    }

    /** The request body of batch {@code index}: posts {@code index * size} up to {@code min(total, …)}. */
    byte[] batch(int index, int size, int total) {
        Random random = new Random(runPrefix * 31 + index);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int n = index * size; n < Math.min(total, (index + 1) * size); n++) {
            String statusId = Long.toString(runPrefix * 1_000_000_000L + n);
            int author = random.nextInt(5_000);
            String handle = FIRST[author % 10] + "_" + LAST[author / 10 % 10] + (author / 100);
            StringBuilder text = new StringBuilder();
            for (int w = 0, words = 3 + random.nextInt(10); w < words; w++) {
                text.append(TOPICS[random.nextInt(TOPICS.length)]).append(' ');
            }
            text.append("topic-").append(random.nextInt(10_000)).append(" k").append(random.nextInt(300_000)).append(' ')
                    .append(Long.toHexString(random.nextLong()));
            int likes = random.nextInt(5_000);
            Instant discovered = now.minusSeconds(random.nextInt(86_400));
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_id", statusId);
            post.put("url", "https://x.com/" + handle + "/status/" + statusId);
            post.put("author_handle", "@" + handle);
            post.put("author_display", Character.toUpperCase(handle.charAt(0)) + handle.substring(1).replace('_', ' '));
            post.put("body_text", text.toString());
            post.put("source_query", random.nextBoolean() ? "priority" : "discovery");
            post.put("watch_tier", TIERS[author % TIERS.length]);
            post.put("is_significant", random.nextInt(10) == 0);
            post.put("likes", likes);
            post.put("reposts", likes / 8);
            post.put("replies", likes / 15);
            post.put("views", likes * 40);
            post.put("initial_likes", likes / 2);
            post.put("initial_views", likes * 20);
            post.put("discovered_at", discovered.toString());
            post.put("last_seen_at", discovered.plusSeconds(random.nextInt(3_600)).toString());
            items.add(post);
        }
        return Json.writeBytes(Map.of("items", items));
    }
}
