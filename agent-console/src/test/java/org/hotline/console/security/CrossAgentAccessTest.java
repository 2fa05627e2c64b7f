package org.hotline.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.routing.AgentState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second half of the authorisation matrix ({@link AuthorizationMatrixTest}): agent B acting on agent A's things.
 * The agent routes act on the caller's own call only, so B's answer / hang-up / hold / transfer / recording (even
 * naming A's call in the body) are refused with 409 and leave A's call as it was; B cannot claim, finish or release
 * the callback A holds (409: A holds it), nor one of a queue B does not serve (403); B cannot read A's call record
 * (403) and does not find A's calls or tickets in its own lists.
 */
class CrossAgentAccessTest {
    private static final AtomicInteger PHONES = new AtomicInteger();

    private static Backend backend;
    private static Stack stack;
    private static Api api;

    @BeforeAll
    static void start() {
        backend = new Backend();
        stack = new Stack(backend);
        stack.sim.onIncomingCall(new MiniIvr(stack));
        api = stack.api;
    }

    @AfterAll
    static void stop() {
        stack.close();
        backend.close();
    }

    private static String caller() {
        return "1370000" + String.format("%04d", PHONES.incrementAndGet());
    }

    private static List<String> types(Socket socket, String... types) {
        List<String> wanted = List.of(types);
        return socket.messages().stream().map(m -> m.path("type").asText()).filter(wanted::contains).toList();
    }

    @Test
    void anotherAgentCannotAnswerTheCallRingingForAnAgent() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), a.token).status()).isEqualTo(200);
            String callId = stack.sim.placeCall(SimulatedCaller.pressing(caller()));
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(a.username) == AgentState.RESERVED);

            Reply answer = api.post("/api/agent/answer", json("callId", callId), b.token);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.error()).contains(b.username);
            assertThat(stack.stateOf(a.username)).isEqualTo(AgentState.RESERVED);
            assertThat(stack.sim.call(callId).orElseThrow().phase()).isEqualTo(CallPhase.RINGING);
            assertThat(stack.sim.call(callId).orElseThrow().device()).isEqualTo(a.device());
            assertThat(b.socket.find(m -> callId.equals(m.path("callId").asText()))).isEmpty();
        }
    }

    @Test
    void anotherAgentCannotHangUpHoldTransferOrRecordAnAgentsCall() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            String callId = a.takeCall(caller());

            List<Reply> replies = List.of(
                    api.post("/api/agent/hangup", json("callId", callId), b.token),
                    api.post("/api/agent/hold", json("onHold", true, "callId", callId), b.token),
                    api.post("/api/agent/transfer", json("target", "8001", "mode", "BLIND", "callId", callId),
                            b.token),
                    api.post("/api/agent/transfer", json("target", "8001", "mode", "ATTENDED", "callId", callId),
                            b.token),
                    api.post("/api/agent/recording", json("action", "START", "callId", callId), b.token));

            for (Reply r : replies) {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.error()).as(r.body()).contains(b.username);
            }
            assertThat(stack.stateOf(a.username)).isEqualTo(AgentState.ON_CALL);
            assertThat(stack.acd.agent(a.username).orElseThrow().callId()).isEqualTo(callId);
            assertThat(stack.sim.call(callId).orElseThrow().phase()).isEqualTo(CallPhase.TALKING);
            assertThat(stack.sim.call(callId).orElseThrow().device()).isEqualTo(a.device());
            assertThat(types(a.socket, "call.hold", "call.recording", "call.transferred", "call.ended")).isEmpty();

            // the same requests from A work, so the refusals above were about who asked
            Reply own = api.post("/api/agent/hold", json("onHold", true), a.token);
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(own.json().path("callId").asText()).isEqualTo(callId);
        }
    }

    @Test
    void anotherAgentCannotClaimFinishOrReleaseTheCallbackAnAgentHolds() throws Exception {
        CallbackRequest cb = backend.ticketing.callbacks().request(
                new NewCallback(null, Stack.QUEUE, "1390000" + String.format("%04d", PHONES.incrementAndGet()),
                        null, "回拨客户"));
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            assertThat(api.post(path(cb, "claim"), "{}", a.token).status()).isEqualTo(200);
            CallbackRequest held = backend.ticketing.callbacks().find(cb.id()).orElseThrow();

            Reply claim = api.post(path(cb, "claim"), "{}", b.token);
            Reply finish = api.post(path(cb, "finish"), json("result", "REACHED", "note", "B was here"), b.token);
            Reply noAnswer = api.post(path(cb, "finish"), json("result", "NO_ANSWER"), b.token);
            Reply release = api.post(path(cb, "release"), json("note", "B was here"), b.token);

            for (Reply r : List.of(claim, finish, noAnswer, release)) {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.error()).isNotBlank();
            }
            CallbackRequest after = backend.ticketing.callbacks().find(cb.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(CallbackStatus.IN_PROGRESS);
            assertThat(after.agent()).isEqualTo(a.username);
            assertThat(after.attempts()).isEqualTo(held.attempts());
            assertThat(after.note()).isEqualTo(held.note());
            assertThat(after.updatedAt()).isEqualTo(held.updatedAt());

            Reply done = api.post(path(cb, "finish"), json("result", "REACHED"), a.token);
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.json().path("status").asText()).isEqualTo("DONE");
        }
    }

    @Test
    void anAgentCannotSeeOrClaimTheCallbacksOfAQueueItDoesNotServe() throws Exception {
        CallbackRequest other = backend.ticketing.callbacks().request(
                new NewCallback(null, "other", "1390000" + String.format("%04d", PHONES.incrementAndGet()), null,
                        "别的队列"));
        try (ConsoleAgent a = ConsoleAgent.open(stack)) {
            Reply claim = api.post(path(other, "claim"), "{}", a.token);
            Reply listNamed = api.get("/api/callbacks?queue=other", a.token);
            Reply listOwn = api.get("/api/callbacks", a.token);

            assertThat(claim.status()).isEqualTo(403);
            assertThat(claim.error()).contains("other");
            assertThat(listNamed.status()).isEqualTo(403);
            assertThat(listOwn.status()).isEqualTo(200);
            assertThat(listOwn.json().path("callbacks").findValuesAsText("queue")).doesNotContain("other");
            assertThat(backend.ticketing.callbacks().find(other.id()).orElseThrow().status())
                    .isEqualTo(CallbackStatus.PENDING);
        }
    }

    @Test
    void anotherAgentCannotReadAnAgentsCallsOrFindItsTickets() throws Exception {
        String supervisor = api.login(backend.newSupervisor());
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            String ani = caller();
            String callId = a.takeCall(ani);
            await().atMost(Socket.WAIT).until(() -> backend.ticketing.calls().find(callId)
                    .map(r -> a.username.equals(r.agent())).orElse(false));
            Reply ticket = api.post("/api/tickets", json("type", "CONSULTATION", "category", "A 的工单",
                    "serviceMode", "PHONE", "description", "A's ticket", "callId", callId), a.token);
            assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);

            Reply bReadsCall = api.get("/api/calls/" + callId, b.token);
            Reply bListsCalls = api.get("/api/calls?limit=500", b.token);
            Reply bListsMine = api.get("/api/tickets?mine=true&limit=200", b.token);

            assertThat(bReadsCall.status()).isEqualTo(403);
            assertThat(bReadsCall.error()).isNotBlank();
            assertThat(bReadsCall.body()).doesNotContain(ani);
            assertThat(bListsCalls.status()).isEqualTo(200);
            assertThat(bListsCalls.json().path("calls").findValuesAsText("callId")).doesNotContain(callId);
            assertThat(bListsMine.status()).isEqualTo(200);
            assertThat(bListsMine.json().path("tickets").findValuesAsText("id"))
                    .doesNotContain(ticket.json().path("id").asText());

            // A and a supervisor do read it
            assertThat(api.get("/api/calls/" + callId, a.token).status()).isEqualTo(200);
            assertThat(api.get("/api/calls/" + callId, supervisor).status()).isEqualTo(200);
            assertThat(api.get("/api/calls?limit=500", a.token).json().path("calls").findValuesAsText("callId"))
                    .contains(callId);
        }
    }

    private static String path(CallbackRequest cb, String action) {
        return "/api/callbacks/" + cb.id() + "/" + action;
    }
}
