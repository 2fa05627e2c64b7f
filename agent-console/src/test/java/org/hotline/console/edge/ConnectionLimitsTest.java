package org.hotline.console.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.console.ConsoleConfig;
import org.hotline.console.ConsoleServer;
import org.hotline.console.testing.Futures;
import org.hotline.console.testing.RawHttp;
import org.hotline.console.testing.StackTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold the server without using it are closed: one that never completes its request head (or
 * trickles it), one that stays idle, and those beyond the cap of one client address. The timeouts are made short
 * here; reads wait up to 10 s for the server to close, so a test fails only when it never does.
 */
class ConnectionLimitsTest extends StackTestBase {
    private static final int WAIT_MS = 10_000;

    private ConsoleServer server;
    private int port;
    private final List<RawHttp> open = new ArrayList<>();

    private void start(EdgeSettings edge) {
        server = new ConsoleServer(backend.vertx, new ConsoleConfig("127.0.0.1", 0, Duration.ofMinutes(5), false)
                .withEdge(edge), stack.ports);
        port = Futures.get(server.start());
    }

    private RawHttp connect(int readTimeoutMs) {
        RawHttp http = RawHttp.open(port, readTimeoutMs);
        open.add(http);
        return http;
    }

    @AfterEach
    void stopServer() {
        open.forEach(RawHttp::close);
        if (server != null) {
            Futures.get(server.stop());
        }
    }

    private String health() {
        return "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    @Test
    void aHalfSentRequestLineIsClosedAfterTheHeaderTimeout() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(300)));
        RawHttp http = connect(WAIT_MS);

        http.send("GET /api/hea");

        assertThat(http.closedByServer()).isTrue();
    }

    @Test
    void aHeadTrickledByteByByteIsClosedAfterTheHeaderTimeoutThoughTheConnectionIsNeverIdle() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMillis(400), Duration.ofMillis(1500)));
        RawHttp http = connect(50);
        String neverEndingHead = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "X-Pad: y\r\n".repeat(100);
        boolean closed = false;
        for (int i = 0; i < 200 && !closed; i++) {
            http.send(neverEndingHead.substring(i, i + 1));
            closed = http.closedByServer();
        }

        assertThat(closed).as("the server closed the trickling connection").isTrue();
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(300)));

        assertThat(connect(WAIT_MS).closedByServer()).isTrue();
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(5)));
        RawHttp http = connect(WAIT_MS);
        http.send(health());

        assertThat(http.readResponse().status()).isEqualTo(200);
        assertThat(http.closedByServer()).isTrue();
    }

    @Test
    void aKeptAliveConnectionThatNeverSendsItsNextRequestIsClosedAfterTheHeaderTimeout() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(1000)));
        RawHttp http = connect(WAIT_MS);
        http.send(health());
        assertThat(http.readResponse().status()).isEqualTo(200);

        http.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");

        assertThat(http.closedByServer()).isTrue();
    }

    @Test
    void aKeptAliveConnectionServesSeveralRequestsWithinTheTimeouts() {
        start(EdgeSettings.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5)));
        RawHttp http = connect(WAIT_MS);

        for (int i = 0; i < 3; i++) {
            http.send(health());
            assertThat(http.readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheCapOfOneAddressAreClosedAndAFreedSlotIsReused() {
        start(EdgeSettings.defaults().withMaxConnectionsPerAddress(3));
        List<RawHttp> three = List.of(connect(WAIT_MS), connect(WAIT_MS), connect(WAIT_MS));
        for (RawHttp http : three) {
            http.send(health());
            assertThat(http.readResponse().status()).isEqualTo(200);
        }

        RawHttp fourth = connect(WAIT_MS);
        assertThat(fourth.closedByServer()).isTrue();

        three.get(0).send(health());
        assertThat(three.get(0).readResponse().status()).as("the first three keep working").isEqualTo(200);
        three.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(this::aNewConnectionIsServed);
    }

    private boolean aNewConnectionIsServed() {
        try (RawHttp http = RawHttp.open(port, WAIT_MS)) {
            http.send(health());
            return http.readResponse().status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
