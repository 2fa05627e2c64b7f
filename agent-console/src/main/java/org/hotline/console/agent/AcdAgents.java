package org.hotline.console.agent;

import java.util.Optional;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's use of the ACD's agent side. An agent unknown to routing is registered with the console's softphone
 * device {@code console/<username>}; an agent routing already knows keeps the device routing has. Every method may
 * block (the desk takes locks): call it off the event loop.
 */
public final class AcdAgents {
    private static final Logger LOG = LoggerFactory.getLogger(AcdAgents.class);
    static final String DEVICE_PREFIX = "console/";

    private final AgentDesk desk;
    private final java.util.function.UnaryOperator<String> phoneOf;

    public AcdAgents(AgentDesk desk) {
        this(desk, AcdAgents::consoleDevice);
    }

    /** @param phoneOf the phone of a user routing does not know yet */
    public AcdAgents(AgentDesk desk, java.util.function.UnaryOperator<String> phoneOf) {
        this.phoneOf = phoneOf;
        this.desk = desk;
    }

    /** The console softphone of {@code username}: the device of an agent routing did not know, and a supervisor's. */
    public static String consoleDevice(String username) {
        return DEVICE_PREFIX + username;
    }

    public AgentDesk desk() {
        return desk;
    }

    /** Registers the agent if routing does not know it, then logs it in (a no-op when already logged in). */
    public AgentMove ensureLoggedIn(User user) {
        if (desk.agent(user.username()).isEmpty()) {
            String device = phoneOf.apply(user.username());
            desk.register(new AgentProfile(user.username(), user.displayName(), user.skills(), device));
            LOG.info("registered agent {} with device {}", user.username(), device);
        }
        return desk.login(user.username());
    }

    /**
     * Gives routing the user's name and skills as they are now (an administrator changed them), keeping the device
     * and state routing has; an agent routing does not know yet is left to {@link #ensureLoggedIn}.
     */
    public void refreshProfile(User user) {
        desk.agent(user.username()).ifPresent(known -> desk.register(new AgentProfile(user.username(),
                user.displayName(), user.skills(), known.device())));
    }

    /** The agent's snapshot; LOGGED_OUT with the console device when routing does not know it yet. */
    public AgentSnapshot current(User user) {
        Optional<AgentSnapshot> snapshot = desk.agent(user.username());
        return snapshot.orElseGet(() -> new AgentSnapshot(user.username(), user.displayName(), user.skills(),
                phoneOf.apply(user.username()), AgentState.LOGGED_OUT, null, null, null));
    }

    /** Logs the agent out of the ACD; an unknown agent or a refused transition (e.g. on a call) is only logged. */
    public void logoutQuietly(String username) {
        switch (desk.logout(username)) {
            case AgentMove.Moved m -> LOG.debug("agent {} logged out of the ACD", username);
            case AgentMove.UnknownAgent u -> LOG.debug("agent {} was not known to routing", username);
            case AgentMove.NotAllowed n when n.from() == AgentState.LOGGED_OUT ->
                    LOG.debug("agent {} was logged out of the ACD already (by another node)", username);
            case AgentMove refused -> LOG.info("agent {} stays logged in to the ACD: {}", username, refused.message());
        }
    }
}
