package org.hotline.reporting.live;

import org.hotline.platform.error.ValidationException;

/**
 * A queue as the live statistics see it.
 *
 * @param name                the queue name in the call events
 * @param skill               the skill that makes an agent count for this queue
 * @param serviceLevelSeconds a call answered within this many seconds of entering the queue meets the target
 */
public record QueueSpec(String name, String skill, int serviceLevelSeconds) implements java.io.Serializable {
    public QueueSpec {
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
    }
}
