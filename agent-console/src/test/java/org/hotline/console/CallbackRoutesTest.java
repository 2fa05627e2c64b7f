package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCallState;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/**
 * The queue callback routes against the real callback service (MariaDB), the real ACD and the simulated switch:
 * who sees which callbacks, claim + dial from the agent's phone, finish, release, cancel, and the errors.
 */
class CallbackRoutesTest extends StackTestBase {
    private static final String OTHER_QUEUE = "repair";
    private static final AtomicInteger PHONES = new AtomicInteger();

    private CallbackRequest pending(String queue) {
        return pending(queue, "客户 " + PHONES.get());
    }

    private CallbackRequest pending(String queue, String customerName) {
        String phone = "1390000" + String.format("%04d", PHONES.incrementAndGet());
        return backend.ticketing.callbacks().request(new NewCallback(null, queue, phone, null, customerName));
    }

    private CallbackRequest stored(long id) {
        return backend.ticketing.callbacks().find(id).orElseThrow();
    }

    private static List<Long> ids(Reply r) {
        List<Long> ids = new ArrayList<>();
        r.json().path("callbacks").forEach(c -> ids.add(c.path("id").asLong()));
        return ids;
    }

    private static List<String> queues(Reply r) {
        List<String> queues = new ArrayList<>();
        r.json().path("callbacks").forEach(c -> queues.add(c.path("queue").asText()));
        return queues;
    }

    private static String claim(long id) {
        return "/api/callbacks/" + id + "/claim";
    }

    private static String finish(long id) {
        return "/api/callbacks/" + id + "/finish";
    }

    // ---- list ----

    @Test
    void anAgentListsTheOpenCallbacksOfItsOwnQueuesOldestFirst() {
        CallbackRequest first = pending(Stack.QUEUE, "<b>王先生</b>");
        CallbackRequest elsewhere = pending(OTHER_QUEUE);
        CallbackRequest second = pending(Stack.QUEUE);
        CallbackRequest done = pending(Stack.QUEUE);
        backend.ticketing.callbacks().cancel(done.id(), "test", "gone");
        String token = api.login(backend.newAgent());

        Reply r = api.get("/api/callbacks?limit=500", token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(queues(r)).containsOnly(Stack.QUEUE);
        assertThat(ids(r)).contains(first.id(), second.id()).doesNotContain(elsewhere.id(), done.id());
        assertThat(ids(r).indexOf(first.id())).isLessThan(ids(r).indexOf(second.id()));
        JsonNode shown = r.json().path("callbacks").get(ids(r).indexOf(first.id()));
        assertThat(shown.path("customerName").asText()).isEqualTo("<b>王先生</b>");
        assertThat(shown.path("phone").asText()).isEqualTo(first.phone());
        assertThat(shown.path("status").asText()).isEqualTo("PENDING");
        assertThat(shown.path("attempts").asInt()).isZero();
        assertThat(shown.path("requestedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");

        Reply explicit = api.get("/api/callbacks?status=PENDING,IN_PROGRESS&queue=" + Stack.QUEUE + "&limit=500",
                token);
        assertThat(explicit.status()).isEqualTo(200);
        assertThat(ids(explicit)).contains(first.id(), second.id()).doesNotContain(elsewhere.id());
        Reply cancelled = api.get("/api/callbacks?status=cancelled&limit=500", token);
        assertThat(ids(cancelled)).contains(done.id()).doesNotContain(first.id());
    }

    @Test
    void anAgentAskingForAQueueItDoesNotServeIsRefused() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply r = api.get("/api/callbacks?queue=" + OTHER_QUEUE, token);
        Reply mixed = api.get("/api/callbacks?queue=" + Stack.QUEUE + "," + OTHER_QUEUE, token);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).isEqualTo(agent + " does not serve the queue " + OTHER_QUEUE);
        assertThat(mixed.status()).isEqualTo(403);
    }

    @Test
    void anAgentWithoutQueuesSeesNoCallbacks() {
        pending(Stack.QUEUE);
        String token = api.login(backend.newUser("agent", Set.of(Role.AGENT), Set.of()));

        Reply r = api.get("/api/callbacks", token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("callbacks")).isEmpty();
    }

    @Test
    void aSupervisorListsEveryQueueOrTheOnesItNames() {
        CallbackRequest mine = pending(Stack.QUEUE);
        CallbackRequest other = pending(OTHER_QUEUE);
        String token = api.login(backend.newSupervisor());

        Reply all = api.get("/api/callbacks?limit=500", token);
        Reply repair = api.get("/api/callbacks?queue=" + OTHER_QUEUE + "&limit=500", token);

        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all)).contains(mine.id(), other.id());
        assertThat(ids(repair)).contains(other.id()).doesNotContain(mine.id());
        assertThat(queues(repair)).containsOnly(OTHER_QUEUE);
    }

    @Test
    void badListParametersAre400NamingTheParameter() {
        String token = api.login(backend.newAgent());

        Reply status = api.get("/api/callbacks?status=PENDING,LOST", token);
        Reply zero = api.get("/api/callbacks?limit=0", token);
        Reply tooMany = api.get("/api/callbacks?limit=501", token);
        Reply word = api.get("/api/callbacks?limit=lots", token);

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.field()).isEqualTo("status");
        assertThat(status.error()).isEqualTo("unknown status: LOST");
        for (Reply r : List.of(zero, tooMany, word)) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.field()).isEqualTo("limit");
        }
    }

    // ---- claim ----

    @Test
    void claimingDialsTheCustomerFromTheAgentsPhone() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply r = api.post(claim(cb.id()), "{}", agent.token);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode callback = r.json().path("callback");
            assertThat(callback.path("id").asLong()).isEqualTo(cb.id());
            assertThat(callback.path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(callback.path("agent").asText()).isEqualTo(agent.username);
            assertThat(callback.path("attempts").asInt()).isEqualTo(1);
            SimulatedCallState call = stack.sim.call(r.json().path("callId").asText()).orElseThrow();
            assertThat(call.outbound()).isTrue();
            assertThat(call.phase()).isEqualTo(CallPhase.RINGING);
            assertThat(call.device()).isEqualTo(agent.device());
            assertThat(call.dnis()).isEqualTo(cb.phone());
            assertThat(call.ani()).isEqualTo("显示名 " + agent.username);
            assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.IN_PROGRESS);
        }
    }

    @Test
    void aReadyAgentWhoClaimsGoesNotReadyOutbound() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), agent.token).status()).isEqualTo(200);

            assertThat(api.post(claim(cb.id()), "{}", agent.token).status()).isEqualTo(200);

            Reply me = api.get("/api/agent/me", agent.token);
            assertThat(me.json().path("state").asText()).isEqualTo("NOT_READY");
            assertThat(me.json().path("reason").asText()).isEqualTo("outbound");
        }
    }

    @Test
    void aSecondAgentCannotClaimATakenCallback() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent first = ConsoleAgent.open(stack); ConsoleAgent second = ConsoleAgent.open(stack)) {
            assertThat(api.post(claim(cb.id()), "{}", first.token).status()).isEqualTo(200);

            Reply r = api.post(claim(cb.id()), "{}", second.token);

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error()).contains("IN_PROGRESS", first.username);
            assertThat(stack.sim.calls()).noneMatch(c -> second.device().equals(c.device()));
            assertThat(stored(cb.id()).agent()).isEqualTo(first.username);
        }
    }

    @Test
    void aDialTheSwitchRefusesGivesTheCallbackBack() throws Exception {
        CallbackRequest first = pending(Stack.QUEUE);
        CallbackRequest second = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(api.post(claim(first.id()), "{}", agent.token).status()).isEqualTo(200);

            Reply busy = api.post(claim(second.id()), "{}", agent.token);

            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.error()).isEqualTo("device " + agent.device() + " is busy");
            CallbackRequest after = stored(second.id());
            assertThat(after.status()).isEqualTo(CallbackStatus.PENDING);
            assertThat(after.attempts()).isZero();
            assertThat(after.note()).isEqualTo("dial failed: device " + agent.device() + " is busy");
        }
    }

    @Test
    void anAgentThatCannotDialClaimsNothing() {
        CallbackRequest cb = pending(Stack.QUEUE);
        String offline = backend.newAgent();
        String token = api.login(offline);

        Reply loggedOut = api.post(claim(cb.id()), "{}", token);

        assertThat(loggedOut.status()).isEqualTo(409);
        assertThat(loggedOut.error()).isEqualTo(offline + " cannot dial while LOGGED_OUT");
        assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.PENDING);

        api.post("/api/agent/login", "{}", token);
        Reply noPhone = api.post(claim(cb.id()), "{}", token);
        assertThat(noPhone.status()).isEqualTo(409);
        assertThat(noPhone.error()).isEqualTo("device console/" + offline + " is not registered");
        assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(stored(cb.id()).attempts()).isZero();
        assertThat(stack.stateOf(offline)).isEqualTo(AgentState.NOT_READY);
    }

    @Test
    void anAgentCannotClaimACallbackOfAQueueItDoesNotServe() throws Exception {
        CallbackRequest cb = pending(OTHER_QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply r = api.post(claim(cb.id()), "{}", agent.token);

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error()).isEqualTo(agent.username + " does not serve the queue " + OTHER_QUEUE);
            assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.PENDING);
        }
    }

    // ---- finish / release ----

    @Test
    void theHolderFinishesReachedAndTheCallbackIsDone() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            api.post(claim(cb.id()), "{}", agent.token);

            Reply r = api.post(finish(cb.id()), json("result", "REACHED", "note", "已解决：客户已收到维修报价"),
                    agent.token);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("status").asText()).isEqualTo("DONE");
            assertThat(r.json().path("note").asText()).isEqualTo("已解决：客户已收到维修报价");
            assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.DONE);
            Reply open = api.get("/api/callbacks?limit=500", agent.token);
            assertThat(ids(open)).doesNotContain(cb.id());
        }
    }

    @Test
    void noAnswerPutsItBackWhileAttemptsRemain() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            api.post(claim(cb.id()), "{}", agent.token);

            Reply r = api.post(finish(cb.id()), json("result", "no_answer"), agent.token);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asText()).isEqualTo("PENDING");
            assertThat(r.json().path("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheHolderMayFinishOrRelease() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent holder = ConsoleAgent.open(stack); ConsoleAgent other = ConsoleAgent.open(stack)) {
            api.post(claim(cb.id()), "{}", holder.token);

            Reply finish = api.post(finish(cb.id()), json("result", "REACHED"), other.token);
            Reply release = api.post("/api/callbacks/" + cb.id() + "/release", "{}", other.token);

            assertThat(finish.status()).isEqualTo(409);
            assertThat(finish.error()).contains("not being called by " + other.username);
            assertThat(release.status()).isEqualTo(409);
            assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.IN_PROGRESS);
            assertThat(stored(cb.id()).agent()).isEqualTo(holder.username);
        }
    }

    @Test
    void theHolderReleasesItWithoutAnAttemptCounted() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            api.post(claim(cb.id()), "{}", agent.token);

            Reply r = api.post("/api/callbacks/" + cb.id() + "/release", json("note", "客户要求下午再打"),
                    agent.token);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asText()).isEqualTo("PENDING");
            assertThat(r.json().path("attempts").asInt()).isZero();
            assertThat(r.json().path("note").asText()).isEqualTo("客户要求下午再打");
            assertThat(api.post("/api/callbacks/" + cb.id() + "/release", "{}", agent.token).status())
                    .as("not held any more").isEqualTo(409);
        }
    }

    // ---- cancel ----

    @Test
    void onlySupervisorsCancel() {
        CallbackRequest cb = pending(Stack.QUEUE);
        String agentToken = api.login(backend.newAgent());
        String supervisor = backend.newSupervisor();
        String supToken = api.login(supervisor);

        Reply byAgent = api.post("/api/callbacks/" + cb.id() + "/cancel", "{}", agentToken);
        Reply bySupervisor = api.post("/api/callbacks/" + cb.id() + "/cancel", json("note", "客户已来电解决"),
                supToken);

        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(bySupervisor.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(bySupervisor.json().path("note").asText()).isEqualTo("客户已来电解决");
        Reply again = api.post("/api/callbacks/" + cb.id() + "/cancel", "{}", supToken);
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.post(claim(cb.id()), "{}", supToken).status()).as("supervisors do not claim")
                .isEqualTo(403);
    }

    // ---- bad requests ----

    @Test
    void badIdsAre400AndUnknownIds404() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply word = api.post("/api/callbacks/abc/claim", "{}", agent.token);
            Reply zero = api.post("/api/callbacks/0/finish", json("result", "REACHED"), agent.token);
            Reply unknownClaim = api.post(claim(987654321L), "{}", agent.token);
            Reply unknownFinish = api.post(finish(987654321L), json("result", "REACHED"), agent.token);
            Reply unknownCancel = api.post("/api/callbacks/987654321/cancel", "{}",
                    api.login(backend.newSupervisor()));

            assertThat(word.status()).isEqualTo(400);
            assertThat(word.field()).isEqualTo("id");
            assertThat(word.error()).isEqualTo("the callback id must be a number, not 'abc'");
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.field()).isEqualTo("id");
            for (Reply r : List.of(unknownClaim, unknownFinish, unknownCancel)) {
                assertThat(r.status()).as(r.body()).isEqualTo(404);
                assertThat(r.error()).isEqualTo("callback 987654321 not found");
            }
        }
    }

    @Test
    void badBodiesAre400NamingTheFieldAndChangeNothing() throws Exception {
        CallbackRequest cb = pending(Stack.QUEUE);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            api.post(claim(cb.id()), "{}", agent.token);

            Reply malformed = api.post(finish(cb.id()), "{\"result\":", agent.token);
            Reply missing = api.post(finish(cb.id()), "{}", agent.token);
            Reply unknown = api.post(finish(cb.id()), json("result", "MAYBE"), agent.token);
            Reply longNote = api.post(finish(cb.id()), json("result", "REACHED", "note", "备".repeat(501)),
                    agent.token);
            Reply notText = api.post("/api/callbacks/" + cb.id() + "/release", "{\"note\":42}", agent.token);

            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.error()).isEqualTo("malformed JSON body");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.field()).isEqualTo("result");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.field()).isEqualTo("result");
            assertThat(unknown.error()).isEqualTo("unknown result: MAYBE");
            assertThat(longNote.status()).isEqualTo(400);
            assertThat(longNote.field()).isEqualTo("note");
            assertThat(notText.status()).isEqualTo(400);
            assertThat(notText.field()).isEqualTo("note");
            assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.IN_PROGRESS);
        }
    }

    @Test
    void withoutALoginEveryCallbackRouteIs401() {
        CallbackRequest cb = pending(Stack.QUEUE);

        assertThat(api.get("/api/callbacks", null).status()).isEqualTo(401);
        for (String action : List.of("claim", "finish", "release", "cancel")) {
            Reply r = api.post("/api/callbacks/" + cb.id() + "/" + action, json("result", "REACHED"), null);
            assertThat(r.status()).as(action).isEqualTo(401);
        }
        assertThat(stored(cb.id()).status()).isEqualTo(CallbackStatus.PENDING);
    }
}
