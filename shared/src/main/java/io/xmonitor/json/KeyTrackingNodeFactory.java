package io.xmonitor.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds trees whose objects remember the first key they were given twice. Jackson's tree reader
 * puts every field with {@code replace}, which answers the value a key held before.
 */
final class KeyTrackingNodeFactory extends JsonNodeFactory {

    @Override
    public ObjectNode objectNode() {
        return new TrackedObjectNode(this);
    }

    static final class TrackedObjectNode extends ObjectNode {

        private String duplicateKey;

        TrackedObjectNode(JsonNodeFactory factory) {
            super(factory);
        }

        String duplicateKey() {
            return duplicateKey;
        }

        @Override
        public JsonNode replace(String propertyName, JsonNode value) {
            JsonNode previous = super.replace(propertyName, value);
            if (previous != null && duplicateKey == null) {
                duplicateKey = propertyName;
            }
            return previous;
        }
    }
}
