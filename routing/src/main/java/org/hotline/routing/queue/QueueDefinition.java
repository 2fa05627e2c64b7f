package org.hotline.routing.queue;

import java.io.Serializable;
import java.time.Duration;
import org.hotline.platform.error.ValidationException;

/**
 * A named ACD queue.
 *
 * @param name                unique queue name (what {@code CallContext.queue} names)
 * @param skill               the skill an agent needs to serve this queue
 * @param serviceLevelSeconds answer-within target, in seconds (e.g. 15)
 * @param ringTimeout         how long the agent's device rings before the call goes back to the queue
 * @param wrapUp              after-call work time; the agent goes READY by itself when it has passed
 */
public record QueueDefinition(String name, String skill, int serviceLevelSeconds, Duration ringTimeout,
                              Duration wrapUp) implements Serializable {
    public QueueDefinition {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "a queue needs a name");
        }
        if (skill == null || skill.isBlank()) {
            throw new ValidationException("skill", "queue " + name + " needs a skill");
        }
        if (serviceLevelSeconds <= 0) {
            throw new ValidationException("serviceLevelSeconds",
                    "queue " + name + ": service level threshold must be positive, got " + serviceLevelSeconds);
        }
        if (ringTimeout == null || ringTimeout.isZero() || ringTimeout.isNegative()) {
            throw new ValidationException("ringTimeout", "queue " + name + ": ring timeout must be positive");
        }
        if (wrapUp == null || wrapUp.isNegative()) {
            throw new ValidationException("wrapUp", "queue " + name + ": wrap-up must be zero or positive");
        }
    }
}
