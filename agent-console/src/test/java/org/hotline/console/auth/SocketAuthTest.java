package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocketHandshakeException;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.junit.jupiter.api.Test;

/** How a session token may travel: header or cookie of the name in force, never the URL. */
class SocketAuthTest extends StackTestBase {
    private static int handshakeStatus(Throwable e) {
        assertThat(e).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void aValidTokenInTheWebSocketUrlIsRefusedWith401() {
        String token = api.login(backend.newSupervisor());

        assertThatThrownBy(() -> Socket.openWithTokenInUrl(api, token))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
        Reply plain = api.get("/api/ws?token=" + token, null);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.error()).contains("URL");
    }

    @Test
    void theSessionCookieOpensTheWebSocketAsABrowserWould() throws Exception {
        String supervisor = backend.newSupervisor();
        String token = api.login(supervisor);

        try (Socket socket = Socket.openWithCookie(api, "hotline_session=" + token)) {
            assertThat(socket.awaitType("hello").path("user").path("username").asText()).isEqualTo(supervisor);
        }
    }

    @Test
    void aBearerHeaderOpensTheWebSocketForOtherClients() throws Exception {
        String supervisor = backend.newSupervisor();

        try (Socket socket = Socket.open(api, api.login(supervisor))) {
            assertThat(socket.awaitType("hello").path("user").path("username").asText()).isEqualTo(supervisor);
        }
    }

    @Test
    void onLoopbackTheCookieIsPlainAndNotSecure() {
        String agent = backend.newAgent();

        Reply r = api.post("/api/login", org.hotline.console.testing.Api.json("username", agent, "password",
                Backend.password(agent)), null);

        assertThat(r.header("Set-Cookie")).singleElement().asString()
                .startsWith("hotline_session=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void withSecureCookiesTheHostPrefixedSecureCookieIsSetAndOnlyThatNameIsRead() throws Exception {
        try (Stack secure = new Stack(backend, AuthConfig.DEFAULT.withSecureCookies(true))) {
            String supervisor = backend.newSupervisor();
            Reply r = secure.api.post("/api/login", org.hotline.console.testing.Api.json("username", supervisor,
                    "password", Backend.password(supervisor)), null);
            String token = r.json().path("token").asText();

            assertThat(r.header("Set-Cookie")).singleElement().asString()
                    .startsWith("__Host-hotline_session=" + token + ";")
                    .contains("; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/").doesNotContain("Domain");
            Reply oldName = secure.api.send(secure.api.request("/api/me", null)
                    .header("Cookie", "hotline_session=" + token).GET().build());
            Reply hostName = secure.api.send(secure.api.request("/api/me", null)
                    .header("Cookie", "__Host-hotline_session=" + token).GET().build());
            assertThat(oldName.status()).isEqualTo(401);
            assertThat(hostName.status()).isEqualTo(200);
            assertThatThrownBy(() -> Socket.openWithCookie(secure.api, "hotline_session=" + token))
                    .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
            try (Socket socket = Socket.openWithCookie(secure.api, "__Host-hotline_session=" + token)) {
                assertThat(socket.awaitType("hello").path("user").path("username").asText()).isEqualTo(supervisor);
            }
        }
    }
}
