package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/** The WebSocket {@code callback} message: to the agents serving the callback's queue and to the supervisors only. */
class CallbackSocketTest extends StackTestBase {
    private static final String OTHER_QUEUE = "repair";
    private static final AtomicInteger PHONES = new AtomicInteger();

    private CallbackRequest pending(String queue) {
        String phone = "1370000" + String.format("%04d", PHONES.incrementAndGet());
        return backend.ticketing.callbacks().request(new NewCallback("call-" + PHONES.get(), queue, phone, null,
                null));
    }

    private static Predicate<JsonNode> callback(long id, String status) {
        return m -> "callback".equals(m.path("type").asText()) && m.path("callback").path("id").asLong() == id
                && status.equals(m.path("callback").path("status").asText());
    }

    private static boolean mentions(Socket socket, long id) {
        return socket.find(m -> "callback".equals(m.path("type").asText())
                && m.path("callback").path("id").asLong() == id).isPresent();
    }

    private Socket openSocket(String username) throws Exception {
        Socket socket = Socket.open(api, api.login(username));
        socket.awaitType("hello");
        return socket;
    }

    @Test
    void aCallbackChangeReachesTheQueuesAgentsAndTheSupervisorsOnly() throws Exception {
        String repairAgent = backend.newUser("agent", Set.of(Role.AGENT), Set.of(OTHER_QUEUE));
        stack.plugInPhone(repairAgent);
        try (ConsoleAgent agent = ConsoleAgent.open(stack);
             Socket other = openSocket(repairAgent);
             Socket supervisor = openSocket(backend.newSupervisor())) {

            CallbackRequest general = pending(Stack.QUEUE);

            JsonNode toAgent = agent.socket.await(callback(general.id(), "PENDING"));
            assertThat(toAgent.path("callback").path("queue").asText()).isEqualTo(Stack.QUEUE);
            assertThat(toAgent.path("callback").path("phone").asText()).isEqualTo(general.phone());
            assertThat(toAgent.path("callback").path("callId").asText()).isEqualTo(general.callId());
            assertThat(toAgent.path("callback").path("customerName").isNull()).isTrue();
            assertThat(toAgent.path("at").asText()).endsWith("Z");
            supervisor.await(callback(general.id(), "PENDING"));

            // a later change the other agent does hear of: anything about the first would have come before it
            CallbackRequest repair = pending(OTHER_QUEUE);
            other.await(callback(repair.id(), "PENDING"));
            supervisor.await(callback(repair.id(), "PENDING"));
            assertThat(mentions(other, general.id())).as("an agent of another queue").isFalse();

            // the claim is pushed too, and the first agent still hears nothing of the other queue
            assertThat(api.post("/api/callbacks/" + general.id() + "/claim", "{}", agent.token).status())
                    .isEqualTo(200);
            JsonNode claimed = agent.socket.await(callback(general.id(), "IN_PROGRESS"));
            assertThat(claimed.path("callback").path("agent").asText()).isEqualTo(agent.username);
            supervisor.await(callback(general.id(), "IN_PROGRESS"));
            assertThat(mentions(agent.socket, repair.id())).isFalse();
        }
    }
}
