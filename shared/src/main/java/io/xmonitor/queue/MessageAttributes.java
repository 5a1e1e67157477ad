package io.xmonitor.queue;

/** SQS message attributes of a batch, readable without fetching a claim-checked body. */
public final class MessageAttributes {

    public static final String BATCH_ID = "xmonitor_batch_id";
    public static final String KIND = "xmonitor_kind";
    public static final String ITEM_COUNT = "xmonitor_item_count";
    /** Set only on a compressed body ({@link CompressedBody#GZIP_BASE64}); a body without it is JSON. */
    public static final String CONTENT_ENCODING = "xmonitor_content_encoding";

    private MessageAttributes() {
    }
}
