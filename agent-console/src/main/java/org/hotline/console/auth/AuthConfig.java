package org.hotline.console.auth;

import java.util.Objects;
import java.util.Set;

/**
 * How the console authenticates: session lifetimes, the cookie, the login throttle and which proxies may tell the
 * client's address.
 *
 * @param sessions       idle timeouts by role and the absolute lifetime
 * @param secureCookies  force the {@code __Host-} Secure cookie even on loopback (behind an HTTPS proxy on the same
 *                       machine); off a loopback host it is always on
 * @param accountThrottle back-off of failed logins per account
 * @param addressThrottle back-off of failed logins per client address
 * @param trustedProxies addresses whose {@code X-Forwarded-For} is believed (none by default)
 */
public record AuthConfig(SessionPolicy sessions, boolean secureCookies, ThrottleRule accountThrottle,
                         ThrottleRule addressThrottle, Set<String> trustedProxies) {
    public static final AuthConfig DEFAULT = new AuthConfig(SessionPolicy.DEFAULT, false,
            ThrottleRule.ACCOUNT_DEFAULT, ThrottleRule.ADDRESS_DEFAULT, Set.of());

    public AuthConfig {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(accountThrottle, "accountThrottle");
        Objects.requireNonNull(addressThrottle, "addressThrottle");
        trustedProxies = Set.copyOf(trustedProxies);
    }

    public AuthConfig withSessions(SessionPolicy policy) {
        return new AuthConfig(policy, secureCookies, accountThrottle, addressThrottle, trustedProxies);
    }

    public AuthConfig withSecureCookies(boolean secure) {
        return new AuthConfig(sessions, secure, accountThrottle, addressThrottle, trustedProxies);
    }

    public AuthConfig withTrustedProxies(Set<String> proxies) {
        return new AuthConfig(sessions, secureCookies, accountThrottle, addressThrottle, proxies);
    }
}
