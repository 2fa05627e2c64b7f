package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.SUCCESS;
import static org.hotline.cti.asterisk.agi.AgiServerFixture.WAIT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI server's defences against connections that are not Asterisk calls: the idle and environment timeouts,
 * the per-address cap and the allow-list, and how quietly it logs them. Raw sockets on loopback play the peers.
 */
class AgiConnectionLimitsTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String PARTIAL_ENV = "agi_network: yes\nagi_request: agi://127.0.0.1/hotline\n"
            + "agi_channel: PJSIP/trunk-00000001\nagi_uniqueid: 1795379000.1\n";

    private AgiServerFixture fx;
    private final List<Socket> peers = new ArrayList<>();

    private void start(AgiServerConfig config) {
        fx = new AgiServerFixture(config);
        fx.logs.debug(VirtualThreadAgiServer.class);
    }

    private static AgiServerConfig config() {
        return new AgiServerConfig("127.0.0.1", 0, WAIT);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket peer : peers) {
            peer.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        peers.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), fx.server.port()));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** True once the server closed the connection (end of stream or reset), read on a background thread. */
    private static CompletableFuture<Boolean> closedByServer(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // the server sends nothing before the environment; anything would be ignored here
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void anEnvironmentWithoutItsBlankLineIsClosedAfterTheEnvironmentTimeoutAndNoScriptRuns() throws Exception {
        start(config().withEnvironmentTimeouts(LONG, Duration.ofMillis(300)));
        Socket peer = connect("127.0.0.1");
        send(peer, PARTIAL_ENV);

        assertThat(closedByServer(peer).get()).isTrue();
        fx.awaitIdle();
        assertThat(fx.handled).isEmpty();
        assertThat(fx.logs.messages(ch.qos.logback.classic.Level.DEBUG))
                .anySatisfy(d -> assertThat(d).contains("did not end within PT0.3S", "4 line(s)"));
        assertThat(fx.logs.errors()).isEmpty();
    }

    @Test
    void anEnvironmentDrippedByteByByteIsClosedAtTheEnvironmentDeadlineNotKeptAliveByEachByte() throws Exception {
        start(config().withEnvironmentTimeouts(LONG, Duration.ofMillis(500)));
        Socket peer = connect("127.0.0.1");
        CompletableFuture<Boolean> closed = closedByServer(peer);
        Thread dripper = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 400 && !closed.isDone(); i++) {   // at most 20 s of drip
                    send(peer, String.valueOf(PARTIAL_ENV.charAt(i % PARTIAL_ENV.length())));
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection under the dripper
            }
        });

        assertThat(closed.get()).isTrue();
        dripper.join();
        assertThat(fx.handled).isEmpty();
        fx.awaitIdle();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        start(config().withEnvironmentTimeouts(Duration.ofMillis(300), LONG));
        Socket peer = connect("127.0.0.1");

        assertThat(closedByServer(peer).get()).isTrue();
        fx.awaitIdle();
        assertThat(fx.logs.messages(ch.qos.logback.classic.Level.DEBUG))
                .anySatisfy(d -> assertThat(d).contains("nothing received within PT0.3S"));
        assertThat(fx.logs.errors()).isEmpty();
        assertThat(fx.logs.warnings()).isEmpty();
    }

    @Test
    void aConnectionClosedWithoutAnEnvironmentIsLoggedAtDebugNotAsAnError() throws Exception {
        start(config());
        Socket peer = connect("127.0.0.1");
        peer.close();

        await().atMost(WAIT).untilAsserted(() -> assertThat(fx.logs.messages(ch.qos.logback.classic.Level.DEBUG))
                .anySatisfy(d -> assertThat(d).contains("closed without an AGI environment")));
        fx.awaitIdle();
        assertThat(fx.logs.errors()).isEmpty();
        assertThat(fx.logs.warnings()).isEmpty();

        // the server goes on serving real calls
        fx.onCall(channel -> channel.answer());
        ScriptedCall call = fx.finished(CallerPlan.caller("1795379000.2").build());
        assertThat(call.commands()).containsExactly("ANSWER", SUCCESS);
    }

    @Test
    void moreThanTheCapOfConnectionsFromOneAddressAreRefusedAndLoggedOnce() throws Exception {
        start(config().withEnvironmentTimeouts(LONG, LONG).withMaxConnectionsPerAddress(3));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(connect("127.0.0.1"));
        }
        await().atMost(WAIT).until(() -> fx.server.activeSessions() == 3);

        for (int i = 0; i < 3; i++) {
            Socket extra = connect("127.0.0.1");
            assertThat(closedByServer(extra).get()).as("connection %d over the cap", i + 1).isTrue();
        }
        assertThat(fx.server.activeSessions()).isEqualTo(3);
        assertThat(fx.logs.warnings()).singleElement().asString()
                .contains("127.0.0.1", "max-connections-per-address");
        // another address is counted on its own
        Socket other = connect("127.0.0.2");
        await().atMost(WAIT).until(() -> fx.server.activeSessions() == 4);
        assertThat(other.isClosed()).isFalse();

        held.get(0).close();
        await().atMost(WAIT).until(() -> fx.server.activeSessions() == 3);
        fx.onCall(channel -> channel.answer());
        ScriptedCall call = fx.asterisk.call(CallerPlan.caller("1795379000.3").build());
        assertThat(call.awaitEnd(WAIT)).isTrue();
        assertThat(call.commands()).containsExactly("ANSWER", SUCCESS);
    }

    @Test
    void aConnectionFromOutsideTheAllowListIsClosedAtOnceAndLoggedOncePerAddress() throws Exception {
        start(config().withAllowed(List.of(AddressRange.parse("127.0.0.1/32"))));

        for (int i = 0; i < 5; i++) {
            Socket stranger = connect("127.0.0.2");
            try {
                send(stranger, PARTIAL_ENV + "\n");
            } catch (IOException e) {
                // already reset by the server: closed before a byte was read, as it should be
            }
            assertThat(closedByServer(stranger).get()).as("attempt %d", i + 1).isTrue();
        }

        assertThat(fx.handled).isEmpty();
        assertThat(fx.logs.warnings()).singleElement().asString()
                .contains("127.0.0.2", "allowed-addresses", "127.0.0.1/32");
        fx.onCall(channel -> channel.answer());
        ScriptedCall call = fx.finished(CallerPlan.caller("1795379000.4").build());
        assertThat(call.commands()).containsExactly("ANSWER", SUCCESS);
        assertThat(fx.handled).hasSize(1);
    }

    @Test
    void withoutAnAllowListOnlyLoopbackIsServed() {
        ConnectionGate gate = new ConnectionGate(List.of(), 10);

        assertThat(gate.isAllowed(InetAddress.getLoopbackAddress())).isTrue();
        assertThat(gate.isAllowed(address("127.0.0.2"))).isTrue();
        assertThat(gate.isAllowed(address("::1"))).isTrue();
        assertThat(gate.isAllowed(address("172.30.58.10"))).isFalse();
        ConnectionGate subnet = new ConnectionGate(List.of(AddressRange.parse("172.30.58.0/24")), 10);
        assertThat(subnet.isAllowed(address("172.30.58.10"))).isTrue();
        assertThat(subnet.isAllowed(address("172.30.59.10"))).isFalse();
        assertThat(subnet.isAllowed(address("127.0.0.1"))).isFalse();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
