package org.hotline.cluster.link;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one node of the cluster hold a switch's link at a time (an Asterisk server's AMI connection, the
 * simulator): each node runs a lease for the link, the one that gets the link's lock in the Hazelcast map
 * {@code hotline.links} connects ({@code onAcquired}), the others wait. Hazelcast releases the locks of a member it
 * has removed, so when the holder dies another node takes the link over as soon as the cluster notices (its
 * heartbeat timeout, {@code hotline.cluster.heartbeat-timeout}) and connects it, resyncing its calls from the switch;
 * no manual step. A lock, not the CP subsystem (not in the open-source edition): during a split brain both halves
 * would hold the link, which the README says.
 */
public final class SwitchLinkLease implements AutoCloseable {
    static final String MAP = "hotline.links";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchLinkLease.class);

    private final IMap<String, String> locks;
    private final String link;
    private final String nodeName;
    private final Runnable onAcquired;
    private final Runnable onReleased;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean held;
    private volatile long acquiredAtNanos;

    /**
     * @param link       the link's name, the same on every node (e.g. the Asterisk server's name)
     * @param onAcquired connects the link on this node (called on the lease's thread; may block)
     * @param onReleased disconnects it (this node leaves the cluster or stops)
     */
    public SwitchLinkLease(HazelcastInstance hz, String link, String nodeName, Runnable onAcquired,
                           Runnable onReleased) {
        this.locks = hz.getMap(MAP);
        this.link = Objects.requireNonNull(link, "link");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.onAcquired = Objects.requireNonNull(onAcquired, "onAcquired");
        this.onReleased = Objects.requireNonNull(onReleased, "onReleased");
        // a platform thread: the lock belongs to the thread that took it, for as long as it lives
        this.thread = Thread.ofPlatform().name("link-lease-" + link).daemon().unstarted(this::run);
    }

    public SwitchLinkLease start() {
        thread.start();
        return this;
    }

    /** Whether this node holds the link now. */
    public boolean heldHere() {
        return held;
    }

    /** Which node holds the link, as written by its holder (empty when none does yet). */
    public String holder() {
        String name = locks.get(link);
        return name == null ? "" : name;
    }

    private void run() {
        try {
            while (stop.getCount() > 0) {
                if (locks.tryLock(link, 1, TimeUnit.SECONDS)) {
                    hold();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (HazelcastInstanceNotActiveException e) {
            LOG.debug("link {}: this member left the cluster", link);
        }
    }

    private void hold() throws InterruptedException {
        try {
            locks.set(link, nodeName);
            acquiredAtNanos = System.nanoTime();
            LOG.info("this node ({}) holds the switch link {} now", nodeName, link);
            held = true; // before the link starts: what it does while starting is this node's
            onAcquired.run();
            stop.await();
        } finally {
            held = false;
            try {
                onReleased.run();
            } finally {
                try {
                    locks.unlock(link);
                } catch (RuntimeException e) {
                    LOG.debug("link {}: lock not released ({}): the cluster releases it", link, e.toString());
                }
            }
            LOG.info("this node ({}) gave the switch link {} up", nodeName, link);
        }
    }

    /** When this node took the link, in {@link System#nanoTime()} (0 when it never did). */
    public long acquiredAtNanos() {
        return acquiredAtNanos;
    }

    /** Gives the link up (if held) and stops competing for it. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
