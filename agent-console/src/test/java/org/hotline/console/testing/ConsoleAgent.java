package org.hotline.console.testing;

import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.routing.AgentState;

/** An agent of a {@link Stack} at the console: its softphone is online, it is logged in and its socket is open. */
public final class ConsoleAgent implements AutoCloseable {
    public final String username;
    public final String token;
    public final Socket socket;
    private final Stack stack;

    private ConsoleAgent(Stack stack, String username, String token, Socket socket) {
        this.stack = stack;
        this.username = username;
        this.token = token;
        this.socket = socket;
    }

    /** A new agent, greeted on its socket (hence logged in to the ACD, NOT_READY). */
    public static ConsoleAgent open(Stack stack) throws Exception {
        String username = stack.backend.newAgent();
        stack.plugInPhone(username);
        String token = stack.api.login(username);
        Socket socket = Socket.open(stack.api, token);
        socket.awaitType("hello");
        return new ConsoleAgent(stack, username, token, socket);
    }

    public String device() {
        return "console/" + username;
    }

    /**
     * Goes READY, lets a caller from {@code ani} in through the stack's IVR (which must be installed), answers the
     * offered call at the console and waits until the agent is ON_CALL.
     *
     * @return the call's id
     */
    public String takeCall(String ani) {
        Api.Reply ready = stack.api.post("/api/agent/state", json("state", "READY"), token);
        if (ready.status() != 200) {
            throw new AssertionError("READY refused: " + ready.body());
        }
        String callId = stack.sim.placeCall(SimulatedCaller.pressing(ani));
        await().atMost(Socket.WAIT).until(() -> stack.stateOf(username) == AgentState.RESERVED);
        Api.Reply answer = stack.api.post("/api/agent/answer", "{}", token);
        if (answer.status() != 200) {
            throw new AssertionError("answer refused: " + answer.body());
        }
        await().atMost(Socket.WAIT).until(() -> stack.stateOf(username) == AgentState.ON_CALL);
        return callId;
    }

    @Override
    public void close() {
        socket.close();
    }
}
