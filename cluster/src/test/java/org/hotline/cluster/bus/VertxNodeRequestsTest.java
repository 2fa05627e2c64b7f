package org.hotline.cluster.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.telephony.SwitchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests between two nodes over a clustered Vert.x on loopback. */
class VertxNodeRequestsTest {
    private static ClusteredVertxNodes vertx;
    private static NodeRequests a;
    private static NodeRequests b;

    @BeforeAll
    static void start() throws Exception {
        vertx = new ClusteredVertxNodes(2);
        a = new VertxNodeRequests(vertx.nodes.get(0));
        b = new VertxNodeRequests(vertx.nodes.get(1));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close();
    }

    @Test
    void theNodeServingAnAddressAnswersAnotherNodesRequest() {
        try (NodeRequests.Serving serving = a.serve("test.echo", request -> "A heard " + request)) {
            assertThat(b.ask("test.echo", "hello", Duration.ofSeconds(5))).contains("A heard hello");
        }
    }

    @Test
    void aSwitchAnswerCrossesTheWireAsItWasGiven() {
        SwitchResult<Void> refusal = SwitchResult.refused(SwitchResult.Refusal.NO_SUCH_CALL, "no call c9");
        try (NodeRequests.Serving serving = a.serve("test.switch", request -> refusal)) {
            assertThat(b.ask("test.switch", "hangup c9", Duration.ofSeconds(5))).contains(refusal);
        }
    }

    @Test
    void whatOneNodeTellsReachesEveryListeningNodeItselfIncluded() throws Exception {
        java.util.concurrent.BlockingQueue<String> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (NodeRequests.Serving onA = a.listen("test.signal", m -> heard.add("A " + m));
             NodeRequests.Serving onB = b.listen("test.signal", m -> heard.add("B " + m))) {
            b.tellAll("test.signal", "answered c7");
            java.util.Set<String> got = new java.util.HashSet<>();
            for (int i = 0; i < 2; i++) {
                String m = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(m).as("the signal reached both nodes: %s", got).isNotNull();
                got.add(m);
            }
            assertThat(got).containsExactlyInAnyOrder("A answered c7", "B answered c7");
        }
    }

    @Test
    void anAddressNobodyServesGetsNoAnswer() {
        assertThat(b.ask("test.nobody", "anyone?", Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void aHandlerThatFailsGivesNoAnswerRatherThanAnError() {
        try (NodeRequests.Serving serving = a.serve("test.fails", request -> {
            throw new IllegalStateException("broken");
        })) {
            assertThat(b.ask("test.fails", "x", Duration.ofSeconds(5))).isEmpty();
        }
    }

    @Test
    void aClassOutsideTheAllowedPackagesIsRefusedOnTheWay() {
        assertThat(ValueCodec.read(ValueCodec.write("plain string"))).isEqualTo("plain string");
        byte[] foreign = ValueCodec.write(new java.net.InetSocketAddress(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValueCodec.read(foreign))
                .hasMessageContaining("could not be read");
    }
}
