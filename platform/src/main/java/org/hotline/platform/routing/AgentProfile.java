package org.hotline.platform.routing;

import java.io.Serializable;
import java.util.Set;

/** An agent as routing knows it: skills are the queues the agent serves; {@code device} is the phone to ring. */
public record AgentProfile(String username, String displayName, Set<String> skills, String device) implements Serializable {
    public AgentProfile {
        skills = Set.copyOf(skills);
    }
}
