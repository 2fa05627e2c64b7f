package org.hotline.cti.asterisk.ami;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hotline.cti.asterisk.ami.LiveChannel.Signal;

/**
 * The live channels and bridges of every server, and each server's resync epoch: the one place that knows who is on
 * the switch and who is bridged with whom. It only keeps the book; what a change means for a call (hold, who hung up,
 * a call's end) is decided by its users ({@link CallEventMapper}, {@link ChannelResync}, {@link ActionTargets}).
 * Channels are keyed by uniqueid, bridges by server and bridge id (bridge ids repeat across servers). Confined to the
 * gateway's event thread.
 */
final class ChannelBook {
    private final Map<String, LiveChannel> channels = new HashMap<>();
    private final Map<String, Set<String>> bridges = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private final Consumer<LiveChannel> added;

    /** @param added told of each channel the book did not know yet, once it is in the book */
    ChannelBook(Consumer<LiveChannel> added) {
        this.added = added;
    }

    static String bridgeKey(String server, String bridgeId) {
        return server + '\u0000' + bridgeId;
    }

    LiveChannel get(String uid) {
        return uid == null ? null : channels.get(uid);
    }

    boolean contains(String uid) {
        return uid != null && channels.containsKey(uid);
    }

    Collection<LiveChannel> all() {
        return channels.values();
    }

    long epoch(String server) {
        return epochs.getOrDefault(server, 0L);
    }

    /** A resync of {@code server} begins: channels it does not list again keep the old epoch. */
    long nextEpoch(String server) {
        return epochs.merge(server, 1L, Long::sum);
    }

    /** The channel {@code uid}, added when new; renamed when {@code name} differs. Null for no uniqueid. */
    LiveChannel ensure(String server, String uid, String name) {
        if (uid == null || uid.isEmpty()) {
            return null;
        }
        LiveChannel c = channels.get(uid);
        if (c == null) {
            c = new LiveChannel(server, uid, name, epoch(server));
            channels.put(uid, c);
            added.accept(c);
        } else if (name != null && !name.equals(c.name)) {
            c.name = name;
        }
        return c;
    }

    /** Forgets a channel (its Hangup, or a resync did not list it); takes it out of its bridge first. */
    LiveChannel remove(String uid, boolean signalPeers) {
        LiveChannel c = uid == null ? null : channels.remove(uid);
        if (c != null && c.bridge != null) {
            detach(c, signalPeers);
        }
        return c;
    }

    /** The channels of {@code server} last seen before {@code epoch}. */
    List<LiveChannel> staleOn(String server, long epoch) {
        List<LiveChannel> stale = new ArrayList<>();
        for (LiveChannel c : channels.values()) {
            if (c.server.equals(server) && c.epoch < epoch) {
                stale.add(c);
            }
        }
        return stale;
    }

    /**
     * {@code c} enters bridge {@code key} (it left the bridge it was in, if another one). A peer that left some
     * call's bridge and now joins another one (an attended transfer's consultation) did not hang up on that call;
     * the members already there are talking to someone again.
     */
    void enter(LiveChannel c, String key) {
        for (String other : bridges.getOrDefault(c.lastBridge, Set.of())) {
            LiveChannel o = channels.get(other);
            if (o != null && c.uid.equals(o.peerLeft)) {
                o.clearPeerLeft();
            }
        }
        Set<String> members = bridges.computeIfAbsent(key, k -> new LinkedHashSet<>());
        for (String other : members) {
            LiveChannel o = channels.get(other);
            if (o != null) {
                o.clearPeerLeft();
            }
        }
        members.add(c.uid);
        c.bridge = key;
        c.clearPeerLeft();
    }

    /** Puts {@code c} in bridge {@code key} as a resync lists it, without any signal. */
    void place(LiveChannel c, String key) {
        bridges.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.uid);
        c.bridge = key;
    }

    /** Takes {@code c} out of its bridge; with {@code signalPeers}, the members left behind learn a peer left first. */
    void detach(LiveChannel c, boolean signalPeers) {
        Set<String> members = bridges.get(c.bridge);
        if (members != null) {
            members.remove(c.uid);
            if (signalPeers) {
                for (String other : members) {
                    LiveChannel o = channels.get(other);
                    if (o != null) {
                        o.signal(Signal.PEER_LEFT, c.uid);
                    }
                }
            }
            if (members.isEmpty()) {
                bridges.remove(c.bridge);
            }
        }
        c.lastBridge = c.bridge;
        c.bridge = null;
    }

    /** How many bridges have members. */
    int bridgeCount() {
        return bridges.size();
    }

    void destroyBridge(String server, String bridgeId) {
        bridges.remove(bridgeKey(server, bridgeId));
    }

    /** The uniqueids bridged with {@code c} (none when it is not bridged). */
    List<String> peersOf(LiveChannel c) {
        if (c == null || c.bridge == null) {
            return List.of();
        }
        List<String> peers = new ArrayList<>(2);
        for (String m : bridges.getOrDefault(c.bridge, Set.of())) {
            if (!m.equals(c.uid)) {
                peers.add(m);
            }
        }
        return peers;
    }
}
