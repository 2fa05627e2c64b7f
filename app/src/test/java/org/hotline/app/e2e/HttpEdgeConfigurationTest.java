package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code hotline.http} edge keys reach the running node: a console behind a proxy at
 * {@code https://hotline.example.com} accepts a login from that origin only, answers for that host name, and closes
 * a connection that never sends its request.
 */
class HttpEdgeConfigurationTest {
    private static final String PASSWORD = "s3cret-pass";
    private static Fixture f;

    @BeforeAll
    static void start() {
        f = Fixture.start(t -> t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("repair")), Map.of(
                "hotline.http.public-origins", "https://hotline.example.com",
                "hotline.http.header-timeout", "300ms"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private int login(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(f.base + "/api/login"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"agent1\",\"password\":\"" + PASSWORD + "\"}"))
                .timeout(Duration.ofSeconds(20)).build();
        return f.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String rawExchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.platform.httpPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlyTheConfiguredPublicOriginMayLogIn() throws Exception {
        assertThat(login("https://hotline.example.com")).isEqualTo(200);
        assertThat(login(f.base)).isEqualTo(403);
    }

    @Test
    void theHostOfThePublicOriginIsAllowedAndAnotherIsNot() throws Exception {
        String proxied = rawExchange("GET /api/health HTTP/1.1\r\nHost: hotline.example.com\r\nConnection: close\r\n\r\n");
        String rebound = rawExchange("GET /api/health HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n");

        assertThat(proxied).startsWith("HTTP/1.1 200");
        assertThat(rebound).startsWith("HTTP/1.1 421").contains("\"error\"");
    }

    @Test
    void aConnectionThatNeverSendsItsRequestIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.platform.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /api/he".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();

            assertThat(in.read()).as("end of stream: the server closed the connection").isEqualTo(-1);
        }
    }
}
