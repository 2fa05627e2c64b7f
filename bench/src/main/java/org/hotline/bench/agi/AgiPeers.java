package org.hotline.bench.agi;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The Asterisk side of a benchmark's FastAGI sessions, wherever it runs: {@link AgiHoldingPeers} in this process, or
 * {@link AgiPeersInChildJvm} when both ends' sockets do not fit under one process's file-descriptor limit.
 */
public interface AgiPeers extends AutoCloseable {
    /**
     * Command lines received so far on every session, and when: {@code System.nanoTime()} for peers in this process,
     * the wall clock ({@link AgiHoldingPeers#wallClockNanos()}) for peers in a child JVM.
     */
    record CommandCount(long received, long atNanos) {
    }

    /** The wake-ups so far: taken by a wait in flight, or dropped (no wait ran, as res_agi drops the key). */
    record WakeUps(int taken, int dropped) {
    }

    /**
     * Starts {@code sessions} callers on hold against {@code server}.
     *
     * @param script        the request path, or null for {@link AgiHoldingPeers#DEFAULT_SCRIPT} with Dial answered like
     *                      any command
     * @param onDial        told of each {@code EXEC Dial}, after which that caller hangs up (with a script only); its
     *                      {@code arrivedAt} is on the clock {@link CommandCount} names
     * @param inThisProcess whether the peers run in this process or in a child JVM
     */
    static AgiPeers start(InetSocketAddress server, int sessions, String script, AgiHoldingPeers.DialListener onDial,
                          boolean inThisProcess) throws IOException {
        if (!inThisProcess) {
            return new AgiPeersInChildJvm(server, sessions, script, onDial);
        }
        AgiHoldingPeers peers = new AgiHoldingPeers(server, sessions,
                script == null ? AgiHoldingPeers.DEFAULT_SCRIPT : script, System::nanoTime, onDial);
        peers.start();
        return peers;
    }

    boolean inThisProcess();

    /** Sessions whose script has reached the hold loop (sent a WAIT FOR DIGIT). */
    int holding();

    /** Why the peers stopped early, or null. */
    String failure();

    CommandCount commands();

    /** CPU time the peers have used so far, in ns; -1 when unknown. */
    long cpuTimeNanos();

    /** Wakes the caller {@code uniqueid}'s wait for a key (see {@link AgiHoldingPeers#wake}); any thread. */
    void wake(String uniqueid);

    WakeUps wakeUps();

    /** Hangs every caller up. */
    void hangUpAll();

    @Override
    void close();
}
