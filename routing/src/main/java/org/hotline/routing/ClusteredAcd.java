package org.hotline.routing;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.platform.Times;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.RingNoAnswerOutcome;
import org.hotline.platform.routing.WithdrawOutcome;
import org.hotline.platform.telephony.DevicePresence;
import org.hotline.routing.AcdShard.Deadline;
import org.hotline.routing.queue.QueueBoard;
import org.hotline.routing.queue.QueueDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD of a cluster: the same rules as {@link Acd} ({@link RoutingEngine}), over one state that lives in a
 * Hazelcast entry on the member that owns its partition, with a backup on another. Every request of this node —
 * an IVR queuing a call, a console going READY, a hang-up this node's switch link saw — becomes an
 * {@link AcdCommand} that the owning member applies on the entry's partition thread ({@link AcdProcessor}): one
 * command at a time, so an agent is reserved for at most one call whatever node the call and the agent are on, with
 * no lock and no CP subsystem (not in Hazelcast's open-source edition). The backup replays each command, so losing a
 * member loses no acknowledged change; the member that takes over arms the entry's timers again (ring guard,
 * end of wrap-up).
 *
 * <p>The owner publishes the ACD's events on its node's bus ({@link AcdNode}), in the order the state changed; the
 * node's bus carries them to the others (the cluster's event bus). The switch's events this node saw first
 * ({@code switchEvents}) are the only ones it turns into commands, so each reaches the ACD once.
 *
 * <p>All queues share one entry: an agent may serve several queues, and choosing its next call among them must be
 * one step. Routing one queue happens on the member that owns that entry.
 */
public final class ClusteredAcd implements CallDistributor {
    /**
     * How long a command waits for a stopping member to hand the ACD over (it closed its ACD and is leaving the
     * cluster, which moves the entry); the commands sent meanwhile are applied, once, where the entry goes.
     */
    private static final Duration OWNER_STOPPING = Duration.ofSeconds(15);
    private static final Duration RETRY = Duration.ofMillis(20);
    static final String MAP = "hotline.acd";
    static final String KEY = "acd";
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredAcd.class);

    private final HazelcastInstance hz;
    private final List<QueueDefinition> queues;
    private final IMap<String, AcdShard> map;
    private final Clock clock;
    private final CallSignals signals = new CallSignals();
    private final AcdNode node;
    private final ScheduledExecutorService retries;
    private final AtomicLong handOverWaits = new AtomicLong();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private final ClusteredDevices devices;
    private final UUID membershipListener;
    private final UUID migrationListener;

    /**
     * @param bus          this node's bus: the ACD's events are published on it, and its call events wake this
     *                     node's waiting IVR sessions
     * @param switchEvents the events this node's own switch link and IVR published (not those of other nodes): the
     *                     hang-ups, transfers and device states the ACD follows
     * @param scheduler    arms the timers while this node owns the ACD's entry; owned by the caller
     */
    public ClusteredAcd(HazelcastInstance hz, List<QueueDefinition> queues, EventBus bus, EventBus switchEvents,
                        Clock clock, ScheduledExecutorService scheduler, DevicePresence presence) {
        this.hz = Objects.requireNonNull(hz, "hz");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.devices = new ClusteredDevices(this::send, this::now, Objects.requireNonNull(presence, "presence"));
        new QueueBoard(queues); // checks the definitions before anything starts
        this.queues = List.copyOf(queues);
        hz.getConfig().addMapConfig(mapConfig());
        this.map = hz.getMap(MAP);
        this.node = new AcdNode(this, bus, Objects.requireNonNull(scheduler, "scheduler"), clock);
        this.retries = scheduler;
        hz.getUserContext().put(AcdNode.KEY, node);
        if (map.putIfAbsent(KEY, fresh()) == null) {
            LOG.info("cluster ACD started by this member with queues {}", names(queues));
        }
        subscriptions.add(bus.subscribe(CallEvent.class, signals::onEvent));
        subscriptions.add(switchEvents.subscribe(CallHungUp.class,
                e -> sendAsync(new AcdCommand.HungUp(e.callId(), now()))));
        subscriptions.add(switchEvents.subscribe(CallTransferred.class,
                e -> sendAsync(new AcdCommand.Transferred(e.callId(), now()))));
        subscriptions.add(switchEvents.subscribe(DeviceStateChanged.class, devices::reported));
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                // the entry may move to the newcomer: its migration listener re-arms there
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                LOG.info("member {} left: the ACD's timers are armed again where its entry is now", e.getMember());
                rearmSoon();
            }
        });
        this.migrationListener = hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                rearmSoon();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            }
        });
        rearmSoon();
    }

    /** The ACD's map: objects in memory (each command works on the live state), one synchronous backup. */
    public static MapConfig mapConfig() {
        return new MapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1).setAsyncBackupCount(0);
    }

    // ---- CallRouter ----

    @Override
    public EnqueueOutcome enqueue(CallContext call) {
        Acd.requireQueueable(call);
        CallSignals.Signal signal = signals.watch(call.callId());
        long seen = signal.version();
        Object answer = send(new AcdCommand.Enqueue(call, now()));
        if (answer instanceof AcdCommand.Enqueued queued) {
            return new EnqueueOutcome.Queued(new ClusteredWaitingCall(call.callId(), this, signals, signal,
                    queued.state(), seen));
        }
        EnqueueOutcome outcome = (EnqueueOutcome) answer;
        if (!(outcome instanceof EnqueueOutcome.AlreadyInAcd)) {
            signals.forget(call.callId());
        }
        return outcome;
    }

    @Override
    public AnswerOutcome answered(String callId) {
        Objects.requireNonNull(callId, "callId");
        return (AnswerOutcome) send(new AcdCommand.Answered(callId, now()));
    }

    @Override
    public RingNoAnswerOutcome ringNoAnswer(String callId) {
        Objects.requireNonNull(callId, "callId");
        RingNoAnswerOutcome outcome = (RingNoAnswerOutcome) send(new AcdCommand.RingNoAnswer(callId, now()));
        // the call's session reads its state again: the requeue's events may not have reached this node yet, and
        // the reservation it read before must not be handed out twice
        signals.changed(callId);
        return outcome;
    }

    @Override
    public WithdrawOutcome withdraw(String callId, long callbackId) {
        Objects.requireNonNull(callId, "callId");
        WithdrawOutcome outcome = (WithdrawOutcome) send(new AcdCommand.Withdraw(callId, callbackId, now()));
        signals.changed(callId);
        return outcome;
    }

    // ---- AgentDesk ----

    @Override
    public void register(AgentProfile profile) {
        send(new AcdCommand.Register(profile, now()));
        devices.registered(profile.username(), profile.device());
    }

    @Override
    public AgentMove login(String agent) {
        return (AgentMove) send(new AcdCommand.Login(agent, now()));
    }

    @Override
    public AgentMove ready(String agent) {
        return devices.move(agent, (device, online) -> new AcdCommand.Ready(agent, device, online, now()));
    }

    @Override
    public AgentMove notReady(String agent, String reason) {
        return (AgentMove) send(new AcdCommand.NotReady(agent, reason, now()));
    }

    @Override
    public AgentMove finishWrapUp(String agent) {
        return devices.move(agent, (device, online) -> new AcdCommand.FinishWrapUp(agent, device, online, now()));
    }

    @Override
    public AgentMove logout(String agent) {
        return (AgentMove) send(new AcdCommand.Logout(agent, now()));
    }

    @Override
    public Optional<AgentSnapshot> agent(String agent) {
        return Optional.ofNullable((AgentSnapshot) send(new AcdCommand.AgentOf(agent, now())));
    }

    /** In username order. */
    @Override
    @SuppressWarnings("unchecked")
    public List<AgentSnapshot> agents() {
        return List.copyOf((List<AgentSnapshot>) send(new AcdCommand.Agents(now())));
    }

    /** Stops following events and membership, and cancels this node's timers (the entry keeps their deadlines). */
    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
        if (hz.getLifecycleService().isRunning()) {
            hz.getCluster().removeMembershipListener(membershipListener);
            hz.getPartitionService().removeMigrationListener(migrationListener);
            hz.getUserContext().remove(AcdNode.KEY, node);
        }
        node.close();
        devices.close();
    }

    /** Whether this member holds the ACD's entry now (its commands run here; for health and benchmarks). */
    public boolean ownedHere() {
        var owner = hz.getPartitionService().getPartition(KEY).getOwner();
        return owner != null && owner.localMember();
    }

    // ---- plumbing ----

    CallWait waitState(String callId) {
        return (CallWait) send(new AcdCommand.WaitStateOf(callId, now()));
    }

    /** How many times a command of this node waited for a stopping member to hand the ACD over (tests, health). */
    long handOverWaits() {
        return handOverWaits.get();
    }

    /** How many timers this node armed for the ACD after taking its entry over from another member. */
    long rearmedTimers() {
        return node.rearmed();
    }

    /** How many calls this node's IVR sessions wait on (for tests and health). */
    int watchedCalls() {
        return signals.watchedCalls();
    }

    private Object send(AcdCommand command) {
        long giveUp = System.nanoTime() + OWNER_STOPPING.toNanos();
        while (true) {
            Object answer = execute(command);
            if (answer == AcdProcessor.Missing.ENTRY) {
                // no manual step: the ACD starts again empty; consoles log their agents in again as they reconnect
                LOG.error("the cluster's ACD state was lost (its members died before a backup was made): starting"
                        + " empty");
                map.putIfAbsent(KEY, fresh());
                answer = execute(command);
            }
            if (answer != AcdProcessor.Missing.NODE) {
                return answer;
            }
            handOverWaits.incrementAndGet();
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the ACD's member is stopping and has not handed the ACD over within "
                        + OWNER_STOPPING.toSeconds() + " s");
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the ACD's member hands it over", e);
            }
        }
    }

    private Object execute(AcdCommand command) {
        return ((AcdProcessor.Answer) map.executeOnKey(KEY, AcdProcessor.of(command))).value();
    }

    private AcdShard fresh() {
        return new AcdShard(new AcdState(new QueueBoard(queues)));
    }

    /** From a bus callback, which must not wait: the answer (none) is not needed. */
    private void sendAsync(AcdCommand command) {
        sendAsync(command, System.nanoTime() + OWNER_STOPPING.toNanos());
    }

    private void sendAsync(AcdCommand command, long giveUp) {
        map.submitToKey(KEY, AcdProcessor.of(command)).whenComplete((r, failure) -> {
            if (failure != null) {
                LOG.warn("ACD command {} failed: {}", command, failure.toString());
            } else if (((AcdProcessor.Answer) r).value() == AcdProcessor.Missing.NODE) {
                if (System.nanoTime() > giveUp) {
                    LOG.warn("ACD command {} not applied: the ACD's member is stopping and did not hand it over",
                            command);
                } else {
                    try {
                        retries.schedule(() -> sendAsync(command, giveUp), RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        LOG.debug("ACD command {} dropped: this node is stopping too", command);
                    }
                }
            }
        });
    }

    /** A timer of the ACD fired on this node: the command goes to the entry, wherever it is now. */
    void fire(Deadline d) {
        try {
            switch (d.kind()) {
                case WRAP_UP -> {
                    String device = (String) send(new AcdCommand.StillWrappingUp(d.subject(), d.count(), now()));
                    send(new AcdCommand.WrapUpEnded(d.subject(), d.count(), devices.online(device), now()));
                }
                case RING -> send(new AcdCommand.RingExpired(d.subject(), (int) d.count(), now()));
            }
        } catch (RuntimeException failure) {
            LOG.error("ACD timer {} failed", d.key(), failure);
        }
    }

    private void rearmSoon() {
        Thread.ofVirtual().name("acd-rearm").start(() -> {
            try {
                send(new AcdCommand.Rearm(now()));
            } catch (RuntimeException failure) {
                LOG.debug("ACD re-arm not sent: {}", failure.toString());
            }
        });
    }

    private Instant now() {
        return Times.now(clock);
    }

    private static List<String> names(List<QueueDefinition> queues) {
        return queues.stream().map(QueueDefinition::name).toList();
    }
}
