package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionCookieTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, false, hotline_session, false",
            "127.0.0.2, false, hotline_session, false",
            "localhost, false, hotline_session, false",
            "::1, false, hotline_session, false",
            "[::1], false, hotline_session, false",
            "127.0.0.1, true, __Host-hotline_session, true",
            "0.0.0.0, false, __Host-hotline_session, true",
            "192.168.1.20, false, __Host-hotline_session, true",
            "hotline.example.com, false, __Host-hotline_session, true",
            "127.example.com, false, __Host-hotline_session, true",
            "::, false, __Host-hotline_session, true"})
    void theCookieIsHostPrefixedAndSecureUnlessOnLoopback(String host, boolean forced, String name, boolean secure) {
        SessionCookie cookie = SessionCookie.forHost(host, forced);
        String header = cookie.header("TOKEN", "");

        assertThat(cookie.name()).isEqualTo(name);
        assertThat(header).startsWith(name + "=TOKEN;").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
                .doesNotContain("Domain");
        assertThat(header.contains("; Secure")).isEqualTo(secure);
    }
}
