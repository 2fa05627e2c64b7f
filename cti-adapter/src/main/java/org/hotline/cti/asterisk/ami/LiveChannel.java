package org.hotline.cti.asterisk.ami;

/**
 * One live channel of one Asterisk server, as the events so far describe it: its name, its bridge, the resync epoch
 * it was last seen in, and the first signal of who is ending it. One object per channel instead of a map per
 * attribute, so that a channel is added and forgotten in one place ({@link ChannelBook}). Mutable; confined to the
 * gateway's event thread.
 */
final class LiveChannel {
    /** What ended a channel first. */
    enum Signal { PEER_LEFT, REMOTE_HANGUP, LOCAL_HANGUP }

    final String server;
    final String uid;
    String name;
    /** The bridge it is in ({@link ChannelBook#bridgeKey}), or null. */
    String bridge;
    /** The bridge it was in last (to cancel a PEER_LEFT signal it gave there when it joins another bridge). */
    String lastBridge;
    long epoch;
    Signal signal;
    /** The uniqueid of the peer whose leaving gave {@link Signal#PEER_LEFT}. */
    String peerLeft;
    /** The Q.850 cause of the channel's last HangupRequest / SoftHangupRequest that carried one (not 0). */
    Integer requestedCause;

    LiveChannel(String server, String uid, String name, long epoch) {
        this.server = server;
        this.uid = uid;
        this.name = name;
        this.epoch = epoch;
    }

    /** Records {@code s} unless an earlier signal already decided. */
    void signal(Signal s, String peer) {
        if (signal == null) {
            signal = s;
            peerLeft = peer;
        }
    }

    /** A peer that left came back (or someone joined): that leaving no longer says who hung up. */
    void clearPeerLeft() {
        if (signal == Signal.PEER_LEFT) {
            signal = null;
            peerLeft = null;
        }
    }
}
