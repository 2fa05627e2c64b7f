package org.hotline.cti.asterisk.ami;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;

/**
 * Device states of the phones, per Asterisk server, merged across servers. Written on the gateway's event thread
 * only; {@link #available} and {@link #merged} may be read from any thread.
 *
 * <p>Merge: the most engaged state any server reports wins (IN_USE, ON_HOLD, RINGING, AVAILABLE, UNKNOWN,
 * UNAVAILABLE): a phone registered on one server is reported UNAVAILABLE or INVALID by the others.
 */
final class DeviceBook {
    private record Entry(DeviceState state, long epoch) {
    }

    private final Map<String, Map<String, Entry>> byServer = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private final Map<String, DeviceState> merged = new ConcurrentHashMap<>();
    private final Consumer<DeviceStateChanged> publisher;

    DeviceBook(Consumer<DeviceStateChanged> publisher) {
        this.publisher = publisher;
    }

    /** A state reported by {@code server} (live or as a resync item). */
    void update(String server, String device, DeviceState state, Instant at) {
        long epoch = epochs.getOrDefault(server, 0L);
        byServer.computeIfAbsent(server, s -> new HashMap<>()).put(device, new Entry(state, epoch));
        recompute(device, at);
    }

    /** A resync of {@code server}'s device states begins: what it does not list again is forgotten at the end. */
    void beginResync(String server) {
        epochs.merge(server, 1L, Long::sum);
    }

    /** The resync of {@code server} is complete: devices it did not report are forgotten. */
    int finishResync(String server, Instant at) {
        long epoch = epochs.getOrDefault(server, 0L);
        Map<String, Entry> devices = byServer.getOrDefault(server, Map.of());
        int kept = 0;
        for (Iterator<Map.Entry<String, Entry>> it = devices.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> e = it.next();
            if (e.getValue().epoch() < epoch) {
                it.remove();
                recompute(e.getKey(), at);
            } else {
                kept++;
            }
        }
        return kept;
    }

    private void recompute(String device, Instant at) {
        DeviceState best = null;
        for (Map<String, Entry> devices : byServer.values()) {
            Entry e = devices.get(device);
            if (e != null && (best == null || rank(e.state()) > rank(best))) {
                best = e.state();
            }
        }
        DeviceState before = best == null ? merged.remove(device) : merged.put(device, best);
        if (best != null && best != before) {
            publisher.accept(new DeviceStateChanged(device, best, at));
        } else if (best == null && before != null && before != DeviceState.UNKNOWN) {
            publisher.accept(new DeviceStateChanged(device, DeviceState.UNKNOWN, at));
        }
    }

    private static int rank(DeviceState s) {
        return switch (s) {
            case IN_USE -> 5;
            case ON_HOLD -> 4;
            case RINGING -> 3;
            case AVAILABLE -> 2;
            case UNKNOWN -> 1;
            case UNAVAILABLE -> 0;
        };
    }

    /** The merged state, or null when no server has reported the device. Any thread. */
    DeviceState merged(String device) {
        return device == null ? null : merged.get(device);
    }

    /** Whether {@code server} reports the device in a reachable state. Event thread. */
    boolean reachableOn(String server, String device) {
        Entry e = byServer.getOrDefault(server, Map.of()).get(device);
        return e != null && e.state().reachable();
    }

    /** Whether {@code server} has reported the device at all. Event thread. */
    boolean knownOn(String server, String device) {
        return byServer.getOrDefault(server, Map.of()).containsKey(device);
    }

    /**
     * Whether an agent on this phone may be offered calls: the merged state is reachable. A phone no server has
     * reported (not configured on Asterisk, or no AMI connection has come up yet) is not available. Any thread.
     */
    boolean available(String device) {
        DeviceState s = merged(device);
        return s != null && s.reachable();
    }
}
