package org.hotline.cti.asterisk.agi;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, right after {@code accept}, whether a FastAGI connection may be served: its address must be in the
 * allow-list (loopback, {@code 127.0.0.0/8} and {@code ::1}, when the list is empty), and the address must hold
 * fewer than {@code maxPerAddress} connections. Counts the connections per
 * address until {@link #release} is called for each admitted one.
 * <p>
 * Refusals are logged so that an operator notices a misconfigured Asterisk or a scan, but without a flood: one WARN
 * per foreign address (up to {@value #REMEMBERED_ADDRESSES} addresses, then nothing more), and one WARN each time an
 * address reaches its cap (again only after it dropped below it). Thread-safe.
 */
final class ConnectionGate {
    static final int REMEMBERED_ADDRESSES = 1_024;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

    /** Why a connection is not served. */
    enum Verdict { ADMITTED, NOT_ALLOWED, TOO_MANY }

    private final List<AddressRange> allowed;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Set<InetAddress> refusedLogged = ConcurrentHashMap.newKeySet();
    private final Set<InetAddress> atCapLogged = ConcurrentHashMap.newKeySet();

    /** The allow-list of an empty configuration: loopback. */
    static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("::1"));

    ConnectionGate(List<AddressRange> allowed, int maxPerAddress) {
        this.allowed = allowed.isEmpty() ? LOOPBACK : List.copyOf(allowed);
        this.maxPerAddress = maxPerAddress;
    }

    /** Whether {@code address} may connect at all. */
    boolean isAllowed(InetAddress address) {
        for (AddressRange range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Admits (and counts) a connection from {@code address}, or says why not; logs a refusal as described above. */
    Verdict admit(InetAddress address) {
        if (!isAllowed(address)) {
            if (refusedLogged.size() < REMEMBERED_ADDRESSES && refusedLogged.add(address)) {
                LOG.warn("FastAGI connection from {} refused: not in"
                        + " hotline.asterisk.agi.allowed-addresses {}; further connections from it are closed"
                        + " without a log line", address.getHostAddress(), allowed);
            }
            return Verdict.NOT_ALLOWED;
        }
        boolean[] admitted = {false};
        Integer now = open.compute(address, (a, count) -> {
            int held = count == null ? 0 : count;
            if (held >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return held + 1;
        });
        if (admitted[0]) {
            return Verdict.ADMITTED;
        }
        if (atCapLogged.add(address)) {
            LOG.warn("FastAGI connection from {} refused: it already holds {} connection(s), the"
                    + " hotline.asterisk.agi.max-connections-per-address; further refusals are not logged"
                    + " until it holds fewer", address.getHostAddress(), now);
        }
        return Verdict.TOO_MANY;
    }

    /** An admitted connection from {@code address} ended. */
    void release(InetAddress address) {
        Integer left = open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        if (left == null || left < maxPerAddress) {
            atCapLogged.remove(address);
        }
    }

    /** Connections counted for {@code address} now. */
    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
