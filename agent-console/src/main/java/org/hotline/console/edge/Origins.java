package org.hotline.console.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The origins and host names this server answers to, resolved once per bound port from {@link EdgeSettings} and the
 * bind address. Origins are compared in one normal form ({@code scheme://host[:port]}, lower case, the scheme's
 * default port left out), hosts without brackets or port, so that {@code http://LOCALHOST:80} and
 * {@code http://localhost} are the same origin.
 */
public final class Origins {
    private static final Pattern HOST = Pattern.compile("[a-z0-9._:-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private final int port;
    private final Set<String> origins;
    private final Set<String> hosts;

    private Origins(int port, Set<String> origins, Set<String> hosts) {
        this.port = port;
        this.origins = Set.copyOf(origins);
        this.hosts = Set.copyOf(hosts);
    }

    /** The origins and hosts of a server bound to {@code bindHost}:{@code port} (the actual port, not 0). */
    public static Origins resolve(EdgeSettings settings, String bindHost, int port) {
        String bind = normalizeHost(bindHost).orElse(bindHost);
        boolean local = isLoopback(bind) || isWildcard(bind);
        Set<String> origins = new LinkedHashSet<>();
        if (!settings.publicOrigins().isEmpty()) {
            settings.publicOrigins().forEach(o -> origins.add(normalize(o).orElseThrow()));
        } else {
            Set<String> names = new LinkedHashSet<>();
            if (isWildcard(bind)) {
                names.addAll(LOOPBACK_NAMES);
                names.addAll(interfaceAddresses());
            } else {
                names.add(bind);
                if (local) {
                    names.addAll(LOOPBACK_NAMES);
                }
            }
            names.forEach(n -> normalize("http://" + bracketed(n) + ":" + port).ifPresent(origins::add));
        }
        Set<String> hosts = new LinkedHashSet<>();
        if (!settings.allowedHosts().isEmpty()) {
            settings.allowedHosts().forEach(h -> hosts.add(normalizeHost(h).orElseThrow()));
        } else {
            origins.forEach(o -> hosts.add(normalizeHost(URI.create(o).getHost()).orElseThrow()));
            if (local) {
                hosts.addAll(LOOPBACK_NAMES);
            }
        }
        return new Origins(port, origins, hosts);
    }

    public int port() {
        return port;
    }

    /** Every accepted origin in normal form. */
    public Set<String> origins() {
        return origins;
    }

    /** Every accepted host name in normal form. */
    public Set<String> hosts() {
        return hosts;
    }

    /** Whether an {@code Origin} header value is one of the public origins ({@code null} and "null" are not). */
    public boolean allowsOrigin(String origin) {
        return origin != null && normalize(origin).map(origins::contains).orElse(false);
    }

    /** Whether a {@code Referer} header value is a page of one of the public origins. */
    public boolean allowsReferer(String referer) {
        if (referer == null) {
            return false;
        }
        try {
            URI uri = URI.create(referer.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return false;
            }
            return allowsOrigin(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the host part of a {@code Host} header is allowed. */
    public boolean allowsHost(String host) {
        return host != null && normalizeHost(host).map(hosts::contains).orElse(false);
    }

    /** {@code scheme://host[:port]} in normal form, or empty when {@code origin} is not an http(s) origin. */
    public static Optional<String> normalize(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        String text = origin.strip();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            Optional<String> host = normalizeHost(uri.getHost());
            if (host.isEmpty()) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80
                    || scheme.equals("https") && port == 443;
            return Optional.of(scheme + "://" + bracketed(host.get()) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A host name or address in normal form: lower case, no brackets, no trailing dot; empty when invalid. */
    public static Optional<String> normalizeHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        boolean portLike = h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':');
        return !h.isEmpty() && !portLike && HOST.matcher(h).matches() ? Optional.of(h) : Optional.empty();
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static boolean isWildcard(String host) {
        return literal(host).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** An IP literal as an address (no name lookup: names are never resolved here). */
    private static Optional<InetAddress> literal(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** This machine's own addresses (a wildcard bind answers on each), without link-local IPv6 ones. */
    private static Set<String> interfaceAddresses() {
        Set<String> out = new LinkedHashSet<>();
        try {
            NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !(a instanceof Inet6Address && a.isLinkLocalAddress()))
                    .forEach(a -> {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        normalizeHost(zone >= 0 ? text.substring(0, zone) : text).ifPresent(out::add);
                    });
        } catch (SocketException e) {
            // no interface list: the loopback names remain
        }
        return out;
    }
}
