package org.hotline.routing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.io.Serial;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.platform.cluster.RecordCodec;
import org.hotline.platform.event.HotlineEvent;

/**
 * Applies one {@link AcdCommand} to the ACD's entry, on the member that owns it, on that partition's thread: commands
 * run one at a time, so the rules need no lock and an agent can be reserved for one call only, cluster-wide. The
 * backup applies the same command to its own copy ({@link #getBackupProcessor}), so no state travels per command
 * and a member that takes the entry over has every acknowledged change. Only the owner arms timers and publishes the
 * events, through its node's {@link AcdNode} (which hops off the partition thread).
 *
 * <p>The processor and its answer ({@link Answer}) travel as Hazelcast {@link DataSerializable}s holding the command
 * or the answer in {@link RecordCodec}'s form: Java serialisation of the records cost more CPU per call than the
 * rules themselves.
 */
public class AcdProcessor implements EntryProcessor<String, AcdShard, Object>, HazelcastInstanceAware,
        DataSerializable {
    @Serial
    private static final long serialVersionUID = 1L;

    AcdCommand command;
    private boolean backup;
    private transient HazelcastInstance instance;

    /** For Hazelcast, which reads the fields in {@link #readData}. */
    public AcdProcessor() {
    }

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
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(backup);
        RecordCodec.write(out, command);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        backup = in.readBoolean();
        command = (AcdCommand) RecordCodec.read(in);
    }

    /** The command's answer as it travels back ({@link Answer#value}); the processor's own answer, too. */
    @Override
    public Object process(Map.Entry<String, AcdShard> entry) {
        return new Answer(apply(entry));
    }

    private Object apply(Map.Entry<String, AcdShard> entry) {
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
    public static final class Reader extends AcdProcessor implements ReadOnly {
        @Serial
        private static final long serialVersionUID = 1L;

        /** For Hazelcast. */
        public Reader() {
        }

        Reader(AcdCommand command) {
            super(command);
        }
    }

    /** What a command answered, on its way back to the node that sent it. */
    public static final class Answer implements DataSerializable {
        private Object value;

        /** For Hazelcast. */
        public Answer() {
        }

        Answer(Object value) {
            this.value = value;
        }

        Object value() {
            return value;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            RecordCodec.write(out, value);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            value = RecordCodec.read(in);
        }
    }
}
