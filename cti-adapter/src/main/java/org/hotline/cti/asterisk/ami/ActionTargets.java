package org.hotline.cti.asterisk.ami;

import java.util.List;
import java.util.function.Predicate;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.telephony.Devices;

/**
 * Where an action must go: the server and the channel a hangup, transfer, hold, recording or ChanSpy acts on, and
 * the server and device an Originate starts from. Asterisk acts on channel names of one server, the platform on
 * calls and agents' devices; this class is the translation, against the channel book as of the events handled so
 * far, with the platform's refusals (unknown call, not connected to an agent, server down) as exceptions the
 * gateway passes on. It also notes what an action asked for, so that the events that follow report it
 * ({@link CallFeatures}). Confined to the gateway's event thread.
 */
final class ActionTargets {
    /** Where an action goes: the server, and the channel (name and uniqueid) it acts on. */
    record Target(String server, String channel, String uid) {
    }

    /** A device to originate from and the server to originate on. */
    record Origin(String server, String device) {
    }

    private final ChannelBook book;
    private final FollowedCalls followed;
    private final CallFeatures features;
    private final DeviceBook devices;
    private final List<String> servers;
    private final Predicate<String> connected;

    ActionTargets(ChannelBook book, FollowedCalls followed, CallFeatures features, DeviceBook devices,
                  List<String> servers, Predicate<String> connected) {
        this.book = book;
        this.followed = followed;
        this.features = features;
        this.devices = devices;
        this.servers = List.copyOf(servers);
        this.connected = connected;
    }

    private static Target targetOf(LiveChannel c) {
        return new Target(c.server, c.name, c.uid);
    }

    /** A call the platform knows (tracked, click-to-dial or spy), on a connected server. */
    private LiveChannel requireCall(String id) {
        if (id == null || id.isBlank() || !followed.known(id)) {
            throw new NotFoundException("unknown call: " + id);
        }
        LiveChannel c = book.get(id);
        if (c == null) {
            throw new ConflictException("call " + id + " is not on any Asterisk server Hotline is connected to");
        }
        if (!connected.test(c.server)) {
            throw new ConflictException("Asterisk server " + c.server + " is not connected");
        }
        return c;
    }

    private LiveChannel requireConnectedCall(String id) {
        LiveChannel c = requireCall(id);
        if (book.peersOf(c).isEmpty()) {
            throw new ConflictException("call " + id + " is not connected to an agent");
        }
        return c;
    }

    /** Whether a call is still followed (a failed action on a call that has just ended is no error). */
    boolean isLive(String id) {
        return followed.followed(id) && book.contains(id);
    }

    /** The channel of a call's uniqueid, whatever its state (a wake-up of its FastAGI session). */
    Target channel(String uid) {
        return targetOf(requireCall(uid));
    }

    /** The call's channel; marks the hang-up as Hotline's (party SYSTEM). */
    Target hangup(String id) {
        LiveChannel c = requireCall(id);
        if (followed.followed(id)) {
            features.hangupSent(id, true);
        }
        return targetOf(c);
    }

    /** The channel bridged with the call (the agent's), for a transfer; remembers the target to report. */
    Target transfer(String id, TransferKind kind, String target) {
        LiveChannel c = requireConnectedCall(id);
        LiveChannel peer = book.get(book.peersOf(c).getFirst());
        if (peer == null || peer.name == null) {
            throw new ConflictException("call " + id + " is not connected to an agent");
        }
        features.transferRequested(id, kind, target);
        return targetOf(peer);
    }

    /** The call's own channel, which must be bridged with someone (hold, recording). */
    Target connectedCall(String id) {
        return targetOf(requireConnectedCall(id));
    }

    /** Prepares a recording: the call must be connected and not recorded yet; remembers the file asked for. */
    Target recordingStart(String id, String file) {
        LiveChannel c = requireConnectedCall(id);
        features.recordingRequested(id, file);
        return targetOf(c);
    }

    Target recordingStop(String id) {
        return targetOf(requireCall(id));
    }

    /**
     * The agent's channel in a call, for ChanSpy: a live channel of any device of {@code agentDevice} (its members,
     * e.g. the desk phone and the browser twin), bridged ones first.
     */
    Target spy(String agentDevice) {
        List<String> prefixes = Devices.members(agentDevice).stream().filter(m -> !m.isEmpty()).map(m -> m + "-")
                .toList();
        LiveChannel best = null;
        for (LiveChannel c : book.all()) {
            if (c.name != null && startsWithAny(c.name, prefixes) && connected.test(c.server)
                    && (best == null || (best.bridge == null && c.bridge != null))) {
                best = c;
            }
        }
        if (best == null || best.bridge == null) {
            throw new ConflictException("no call connected on " + agentDevice);
        }
        return targetOf(best);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where to originate from one of {@code members} (a device list: AMI Originate takes one channel): the first
     * member a connected server reports reachable, on that server; else the first member, as {@link #serverFor}.
     */
    Origin originFor(List<String> members) {
        for (String m : members) {
            for (String s : servers) {
                if (connected.test(s) && devices.reachableOn(s, m)) {
                    return new Origin(s, m);
                }
            }
        }
        String first = members.getFirst();
        return new Origin(serverFor(first), first);
    }

    /**
     * The member of {@code members} to ring on {@code server} (the supervisor's phone for ChanSpy, which must run on
     * the agent's server): the first one {@code server} reports reachable, else the first one.
     */
    String deviceOn(String server, List<String> members) {
        for (String m : members) {
            if (devices.reachableOn(server, m)) {
                return m;
            }
        }
        return members.getFirst();
    }

    /**
     * The server to originate from {@code device}: a connected one reporting it reachable, else one that reports it
     * at all, else any connected server (Asterisk then says whether the device exists).
     */
    String serverFor(String device) {
        String reporting = null;
        String any = null;
        for (String s : servers) {
            if (!connected.test(s)) {
                continue;
            }
            if (devices.reachableOn(s, device)) {
                return s;
            }
            if (reporting == null && devices.knownOn(s, device)) {
                reporting = s;
            }
            if (any == null) {
                any = s;
            }
        }
        if (reporting != null) {
            throw new ConflictException("device " + device + " is offline (" + devices.merged(device) + ")");
        }
        if (any == null) {
            throw new ConflictException("no Asterisk server is connected");
        }
        return any;
    }
}
