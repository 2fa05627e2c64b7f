package org.hotline.console.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.console.ConsoleConfig;
import org.hotline.console.ConsoleServer;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Futures;
import org.hotline.console.testing.RawHttp;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.ticket.TicketQuery;
import org.junit.jupiter.api.Test;

/**
 * Cross-site request forgery and DNS rebinding against the real console: a page of another origin (another port of
 * the same host included) cannot change anything, and a request for a host name that is not this server's is refused.
 */
class CsrfAndHostTest extends StackTestBase {
    private static final String TICKET = json("type", "CONSULTATION", "category", "billing", "serviceMode", "PHONE",
            "description", "created by whoever sent this");

    private Reply postTicket(String token, String contentType, String body, String origin, String referer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri("/api/tickets")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (referer != null) {
            b.header("Referer", referer);
        }
        return api.send(b.build());
    }

    private List<?> ticketsOf(String agent) {
        return backend.ticketing.tickets().search(new TicketQuery(null, agent, Set.of(), 10));
    }

    @Test
    void aPageOnAnotherPortOfTheSameHostCannotCreateATicketWithTheAgentsSessionCookie() {
        String agent = backend.newAgent();
        String token = api.login(agent);
        HttpRequest.Builder asTheBrowser = HttpRequest.newBuilder(api.uri("/api/tickets"))
                .header("Cookie", "hotline_session=" + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TICKET));

        Reply otherPort = api.send(asTheBrowser.copy().header("Origin", "http://127.0.0.1:" + (api.port() + 1))
                .build());
        Reply ownPage = api.send(asTheBrowser.copy().header("Origin", api.origin()).build());

        assertThat(otherPort.status()).isEqualTo(403);
        assertThat(otherPort.error()).isEqualTo("cross-origin request refused");
        assertThat(ownPage.status()).as("the same request from the console's own page").isEqualTo(201);
        assertThat(ticketsOf(agent)).hasSize(1);
    }

    @Test
    void aForeignOrNullOriginIsRefusedEvenWithAMatchingReferer() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply foreign = postTicket(token, "application/json", TICKET, "http://evil.example", api.origin() + "/");
        Reply nullOrigin = postTicket(token, "application/json", TICKET, "null", null);
        Reply otherScheme = postTicket(token, "application/json", TICKET, "https://127.0.0.1:" + api.port(), null);

        assertThat(List.of(foreign.status(), nullOrigin.status(), otherScheme.status())).containsOnly(403);
        assertThat(ticketsOf(agent)).isEmpty();
    }

    @Test
    void withoutOriginAndRefererAStateChangingRequestIsRefused() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply r = postTicket(token, "application/json", TICKET, null, null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).contains("Origin");
        assertThat(ticketsOf(agent)).isEmpty();
    }

    @Test
    void aRefererOfThisSiteStandsInForAMissingOrigin() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply ok = postTicket(token, "application/json", TICKET, null, api.origin() + "/agent.html?x=1");
        Reply foreign = postTicket(token, "application/json", TICKET, null, "http://127.0.0.1:1/agent.html");

        assertThat(ok.status()).isEqualTo(201);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(ticketsOf(agent)).hasSize(1);
    }

    @Test
    void aTextPlainBodyIsRefusedEvenFromTheRightOriginAndWritesNothing() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply r = postTicket(token, "text/plain;charset=UTF-8", TICKET, api.origin(), null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).contains("application/json");
        assertThat(ticketsOf(agent)).isEmpty();
    }

    @Test
    void aFormBodyOrNoContentTypeIsRefused() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply form = postTicket(token, "application/x-www-form-urlencoded", "type=CONSULTATION&description=x",
                api.origin(), null);
        Reply multipart = postTicket(token, "multipart/form-data; boundary=x", "--x--", api.origin(), null);
        Reply none = postTicket(token, null, TICKET, api.origin(), null);

        assertThat(List.of(form.status(), multipart.status(), none.status())).containsOnly(403);
        assertThat(form.json().path("error").asText()).isNotBlank();
        assertThat(ticketsOf(agent)).isEmpty();
    }

    @Test
    void theRightOriginWithJsonIsAcceptedWhateverTheCharsetParameter() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply plain = postTicket(token, "application/json", TICKET, api.origin(), null);
        Reply charset = postTicket(token, "Application/JSON; charset=utf-8", TICKET, api.origin(), null);
        Reply localhost = postTicket(token, "application/json", TICKET, "http://localhost:" + api.port(), null);

        assertThat(List.of(plain.status(), charset.status(), localhost.status())).containsOnly(201);
        assertThat(ticketsOf(agent)).hasSize(3);
    }

    @Test
    void theLoginItselfIsCheckedToo() {
        String agent = backend.newAgent();
        String body = json("username", agent, "password", Backend.password(agent));

        Reply foreign = api.send(HttpRequest.newBuilder(api.uri("/api/login")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Reply textPlain = api.send(api.request("/api/login", null).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Set-Cookie")).isEmpty();
        assertThat(textPlain.status()).isEqualTo(403);
        assertThat(api.post("/api/login", body, null).status()).isEqualTo(200);
    }

    @Test
    void readingNeedsNoOrigin() {
        String token = api.login(backend.newAgent());

        Reply me = api.send(HttpRequest.newBuilder(api.uri("/api/me")).header("Authorization", "Bearer " + token)
                .GET().build());

        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void aHostNameThatIsNotThisServersIsRefusedWith421() {
        RawHttp.Response rebound = RawHttp.exchange(api.port(),
                RawHttp.get("/api/health", "attacker.example:" + api.port()));
        RawHttp.Response page = RawHttp.exchange(api.port(), RawHttp.get("/", "attacker.example"));
        RawHttp.Response local = RawHttp.exchange(api.port(), RawHttp.get("/api/health", "localhost:" + api.port()));
        RawHttp.Response ipv6 = RawHttp.exchange(api.port(), RawHttp.get("/api/health", "[::1]:" + api.port()));

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.header("Content-Type")).startsWith("application/json");
        assertThat(rebound.json().path("error").asText()).contains("host");
        assertThat(page.status()).isEqualTo(421);
        assertThat(local.status()).isEqualTo(200);
        assertThat(ipv6.status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutHostIsRefused() {
        RawHttp.Response r = RawHttp.exchange(api.port(), "GET /api/health HTTP/1.0\r\n\r\n");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).contains("Host");
    }

    @Test
    void theWebSocketRefusesAForeignOriginAndAcceptsItsOwn() {
        String token = api.login(backend.newAgent());

        RawHttp.Response foreign = RawHttp.exchange(api.port(), upgrade(token, "http://127.0.0.1:" + (api.port() + 1)));
        RawHttp.Response own;
        try (RawHttp http = RawHttp.open(api.port(), 20_000)) {
            http.send(upgrade(token, api.origin()));
            own = http.readResponse();
        }

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("error").asText()).contains("cross-origin");
        assertThat(own.status()).isEqualTo(101);
    }

    private String upgrade(String token, String origin) {
        return "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\nOrigin: " + origin + "\r\n\r\n";
    }

    @Test
    void configuredPublicOriginsReplaceTheDefaultsAndNameTheAllowedHosts() {
        EdgeSettings edge = EdgeSettings.defaults().withOrigins(List.of("https://hotline.example.com/"), List.of());
        ConsoleServer proxied = new ConsoleServer(backend.vertx, new ConsoleConfig("127.0.0.1", 0,
                Duration.ofMinutes(5), false).withEdge(edge), stack.ports);
        int port = Futures.get(proxied.start());
        try {
            String agent = backend.newAgent();
            String body = json("username", agent, "password", Backend.password(agent));
            Api behindProxy = new Api(port);

            Reply fromPublic = behindProxy.send(HttpRequest.newBuilder(behindProxy.uri("/api/login"))
                    .header("Origin", "https://hotline.example.com").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            Reply fromLoopback = behindProxy.post("/api/login", body, null);
            RawHttp.Response publicHost = RawHttp.exchange(port, RawHttp.get("/api/health", "hotline.example.com"));
            RawHttp.Response loopbackHost = RawHttp.exchange(port, RawHttp.get("/api/health", "127.0.0.1:" + port));
            RawHttp.Response otherHost = RawHttp.exchange(port, RawHttp.get("/api/health", "other.example.com"));

            assertThat(fromPublic.status()).isEqualTo(200);
            assertThat(fromLoopback.status()).isEqualTo(403);
            assertThat(publicHost.status()).isEqualTo(200);
            assertThat(loopbackHost.status()).as("loopback names stay allowed on a loopback bind").isEqualTo(200);
            assertThat(otherHost.status()).isEqualTo(421);
        } finally {
            Futures.get(proxied.stop());
        }
    }
}
