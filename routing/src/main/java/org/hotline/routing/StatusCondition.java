package org.hotline.routing;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A queued call's status condition on one node ({@code QueuedCall.statusChanged()}): it wakes the IVR thread that
 * awaits a reservation, as a condition does, and also tells the call's {@link ChangeListeners} (the IVR wakes the
 * caller's channel with them), under the ACD's lock.
 */
final class StatusCondition implements Condition {
    private final Condition condition;
    private final ChangeListeners listeners;

    StatusCondition(Condition condition, ChangeListeners listeners) {
        this.condition = condition;
        this.listeners = listeners;
    }

    @Override
    public void await() throws InterruptedException {
        condition.await();
    }

    @Override
    public void awaitUninterruptibly() {
        condition.awaitUninterruptibly();
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        return condition.awaitNanos(nanosTimeout);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return condition.await(time, unit);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return condition.awaitUntil(deadline);
    }

    @Override
    public void signal() {
        condition.signal();
        listeners.fire();
    }

    @Override
    public void signalAll() {
        condition.signalAll();
        listeners.fire();
    }
}
