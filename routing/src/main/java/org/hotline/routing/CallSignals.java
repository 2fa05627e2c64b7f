package org.hotline.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hotline.platform.event.CallEvent;

/**
 * Wakes the IVR sessions of this node that wait for a reservation in the cluster's ACD. The ACD's entry may live on
 * another member, so no lock condition can be shared: every event of a watched call (offered, requeued, abandoned,
 * hung up ...) bumps the call's version, and the waiting session reads the call's state again when it moved.
 */
final class CallSignals {
    private final Map<String, Signal> watched = new ConcurrentHashMap<>();

    /** One call's version; the lock is a ReentrantLock so that a waiting virtual thread does not pin its carrier. */
    static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition moved = lock.newCondition();
        private final ChangeListeners listeners = new ChangeListeners();
        private long version;
        private long forced;

        /** Listeners told after every poke or force (the IVR wakes the caller's channel); see WaitingCall#onChange. */
        ChangeListeners listeners() {
            return listeners;
        }

        long version() {
            lock.lock();
            try {
                return version;
            } finally {
                lock.unlock();
            }
        }

        /** How many times this node changed the call itself (the session must read it again, whatever it holds). */
        long forced() {
            lock.lock();
            try {
                return forced;
            } finally {
                lock.unlock();
            }
        }

        void force() {
            lock.lock();
            try {
                forced++;
                version++;
                moved.signalAll();
            } finally {
                lock.unlock();
            }
            listeners.fire();
        }

        void poke() {
            lock.lock();
            try {
                version++;
                moved.signalAll();
            } finally {
                lock.unlock();
            }
            listeners.fire();
        }

        /** Waits until the version is no longer {@code seen}, at most {@code nanos}. */
        void awaitChange(long seen, long nanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                long left = nanos;
                while (version == seen && left > 0) {
                    left = moved.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    Signal watch(String callId) {
        return watched.computeIfAbsent(callId, id -> new Signal());
    }

    void forget(String callId) {
        watched.remove(callId);
    }

    /**
     * Wakes the sessions waiting on the event's call. A hang-up is the call's last event here: its signal is poked
     * and forgotten (the session holds its own reference; later it only re-reads), so the map keeps live calls only.
     */
    void onEvent(CallEvent e) {
        if (e.callId() == null) {
            return;
        }
        Signal s = e instanceof CallEvent.CallHungUp ? watched.remove(e.callId()) : watched.get(e.callId());
        if (s != null) {
            s.poke();
        }
    }

    /** Wakes the sessions waiting on {@code callId} after this node changed the call in the ACD itself. */
    void changed(String callId) {
        Signal s = watched.get(callId);
        if (s != null) {
            s.force();
        }
    }

    int watchedCalls() {
        return watched.size();
    }

}
