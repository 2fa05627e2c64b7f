package org.hotline.routing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.platform.event.HotlineEvent;

/**
 * Applies one {@link AcdCommand} to the ACD's entry, on the member that owns it, on that partition's thread: commands
 * run one at a time, so the rules need no lock and an agent can be reserved for one call only, cluster-wide. The
 * backup applies the same command to its own copy ({@link #getBackupProcessor}), so no state travels per command
 * and a member that takes the entry over has every acknowledged change. Only the owner arms timers and publishes the
 * events, through its node's {@link AcdNode} (which hops off the partition thread).
 */
class AcdProcessor implements EntryProcessor<String, AcdShard, Object>, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    final AcdCommand command;
    private final boolean backup;
    private transient HazelcastInstance instance;

    AcdProcessor(AcdCommand command) {
        this(command, false);
    }

    private AcdProcessor(AcdCommand command, boolean backup) {
        this.command = command;
        this.backup = backup;
    }

    static AcdProcessor of(AcdCommand command) {
        return command.reads() ? new Reader(command) : new AcdProcessor(command);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Object process(Map.Entry<String, AcdShard> entry) {
        AcdShard shard = entry.getValue();
        if (shard == null) {
            return Missing.ENTRY;
        }
        AcdNode node = backup ? null : AcdNode.find(instance);
        if (!backup && node == null) {
            return Missing.NODE;
        }
        if (command instanceof AcdCommand.Fired fired) {
            shard.disarmed(fired.deadlineKey());
        }
        if (command instanceof AcdCommand.Rearm) {
            if (node != null) {
                node.rearm(shard.deadlines());
            }
            return null;
        }
        List<HotlineEvent> events = new ArrayList<>();
        RoutingEngine engine = new RoutingEngine(shard.state, Clock.fixed(command.at(), ZoneOffset.UTC), events::add,
                new ShardTimers(shard, command.at(), node == null ? null : node::arm));
        Object answer = command.apply(engine);
        if (!command.reads()) {
            entry.setValue(shard);
        }
        if (node != null && !events.isEmpty()) {
            node.publish(events);
        }
        return answer;
    }

    @Override
    public EntryProcessor<String, AcdShard, Object> getBackupProcessor() {
        return command.reads() ? null : new AcdProcessor(command, true);
    }

    /** The answers when the command could not be applied; nothing was changed. */
    enum Missing {
        /** The entry is gone: every member that held it died before its backup was made. */
        ENTRY,
        /**
         * The member owning the entry is stopping: its ACD closed before it left the cluster, which then moves the
         * entry to another member. Asked again, the command finds it there.
         */
        NODE
    }

    /** A read: Hazelcast neither locks the entry nor sends a backup. */
    static final class Reader extends AcdProcessor implements ReadOnly {
        @Serial
        private static final long serialVersionUID = 1L;

        Reader(AcdCommand command) {
            super(command);
        }
    }
}
