package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;

/**
 * Ends the flow in an ACD queue: plays {@code prompt} (if any), enqueues the call with priority {@code priority}
 * (a boost added to the customer class's priority) and keeps the caller on music on hold ({@code musicOnHold} class,
 * null = default), announcing the position ({@code positionPrompt} then the number) every {@code announceEvery}
 * (null = the engine's setting). With {@code callback} set, a key pressed while waiting offers a queue callback
 * ({@link CallbackOffer}); without it keys are ignored.
 */
public record QueueNode(String queue, Integer priority, Prompt prompt, Prompt positionPrompt, Duration announceEvery,
                        String musicOnHold, CallbackOffer callback) implements Node {
    public QueueNode {
        priority = priority == null ? 0 : priority;
    }

    @Override
    public String type() {
        return "queue";
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
