package org.hotline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hotline.routing.AcdShard.Deadline;

/**
 * The engine's timers inside the cluster's ACD entry. Both copies (the owner's and the backup's) write each timer's
 * deadline into their {@link AcdShard}, so that a member taking over knows them; only the owner also arms it on its
 * own scheduler ({@code arming}, null on the backup). Cancelling forgets the deadline and disarms the local timer.
 */
final class ShardTimers implements RoutingTimers {
    /** Arms a deadline on this member; it fires a command back into the ACD wherever its entry is then. */
    interface Arming {
        Future<?> arm(Deadline deadline);
    }

    private final AcdShard shard;
    private final Instant now;
    private final Arming arming;

    ShardTimers(AcdShard shard, Instant now, Arming arming) {
        this.shard = shard;
        this.now = now;
        this.arming = arming;
    }

    @Override
    public Future<?> wrapUpEnds(String agent, long transitions, Duration after) {
        return arm(new Deadline(Deadline.Kind.WRAP_UP, agent, transitions, now.plus(after)));
    }

    @Override
    public Future<?> ringExpires(String callId, int offer, Duration after) {
        return arm(new Deadline(Deadline.Kind.RING, callId, offer, now.plus(after)));
    }

    private Future<?> arm(Deadline d) {
        shard.armed(d);
        Future<?> local = arming == null ? null : arming.arm(d);
        return new Handle(shard, d.key(), local);
    }

    /** What the engine keeps to cancel a timer (a transient field of the agent or call). */
    private record Handle(AcdShard shard, String key, Future<?> local) implements Future<Object> {
        @Override
        public boolean cancel(boolean mayInterrupt) {
            shard.disarmed(key);
            return local == null || local.cancel(mayInterrupt);
        }

        @Override
        public boolean isCancelled() {
            return local != null && local.isCancelled();
        }

        @Override
        public boolean isDone() {
            return local == null || local.isDone();
        }

        @Override
        public Object get() {
            return null; // an ACD timer has no result
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null; // an ACD timer has no result
        }
    }
}
