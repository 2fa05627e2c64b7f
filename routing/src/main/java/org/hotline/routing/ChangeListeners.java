package org.hotline.routing;

import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.routing.WaitingCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one waiting call's changes ({@link WaitingCall#onChange}): the IVR's wake-up of the caller's
 * channel. Run in registration order on the thread that changed the call; a failing listener is logged and the others
 * still run.
 */
final class ChangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListeners.class);

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    WaitingCall.Subscription add(Runnable listener) {
        Runnable l = java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a waiting call's change listener failed", e);
            }
        }
    }
}
