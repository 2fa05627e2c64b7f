package org.hotline.ivr.flow;

/**
 * How a customer class is served: {@code priority} is added to the queue node's priority; {@code prompt} (if any)
 * is played before queueing; {@code queue} (if any) replaces the queue the menu chose.
 */
public record ClassRule(Integer priority, Prompt prompt, String queue) {
    public ClassRule {
        priority = priority == null ? 0 : priority;
    }
}
