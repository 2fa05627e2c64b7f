package org.hotline.ivr.flow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.platform.customer.CustomerClass;

/**
 * One call flow, as loaded from a YAML file.
 *
 * @param source      the file or resource it came from
 * @param sorryPrompt played when the call cannot be queued (unknown queue) before hanging up
 */
public record Flow(String id, String source, String description, String start, Map<String, Node> nodes,
                   Map<CustomerClass, ClassRule> classes, Prompt sorryPrompt) {
    /** Used when a flow does not define its own sorry prompt. */
    public static final Prompt DEFAULT_SORRY = new Prompt("hotline/service-unavailable", Map.of(
            "zh-CN", "抱歉，该服务暂时无法接通，请稍后再拨。",
            "en", "Sorry, this service cannot be reached right now. Please call again later."));

    public Flow {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        classes = classes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(classes));
        sorryPrompt = sorryPrompt == null ? DEFAULT_SORRY : sorryPrompt;
    }

    /** @return the node, or null for an unknown id (a loaded flow has no dangling references) */
    public Node node(String nodeId) {
        return nodes.get(nodeId);
    }

    /** The rule for a customer class; unknown callers (null) are served like ORDINARY customers. May be null. */
    public ClassRule rule(CustomerClass customerClass) {
        return classes.get(customerClass == null ? CustomerClass.ORDINARY : customerClass);
    }
}
