package org.hotline.interactions.calls;

import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.user.User;

/**
 * The agent a user is, as routing knows it now; a user routing does not know yet is LOGGED_OUT (the console's
 * {@code AcdAgents#current} fills in the phone it would get). May block.
 */
@FunctionalInterface
public interface AgentLookup {
    AgentSnapshot current(User user);
}
