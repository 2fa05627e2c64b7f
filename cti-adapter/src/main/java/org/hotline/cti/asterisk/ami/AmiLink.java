package org.hotline.cti.asterisk.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.hotline.cti.asterisk.ami.ChannelResync.ResyncResult;
import org.hotline.cti.asterisk.ami.wire.DeviceStateListAction;
import org.hotline.platform.error.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One managed AMI connection to one Asterisk server, driven by the {@link AmiLinkState} state machine on its own
 * thread ({@code ami-link-<name>}): logs in (retrying the first login too), resynchronises after every (re)connect,
 * pings, detects a lost or half-open connection, and reconnects with back-off ({@link AmiOptions#initialBackoff()}
 * doubling to {@link AmiOptions#maxBackoff()}, reset after a successful login), each time in a fresh
 * {@link HotlineManagerConnection}.
 *
 * <p>Events arrive on Asterisk-Java's dispatch thread and are handed to {@link Host#event} at once; responses
 * complete futures that callers wait on in their own threads. Nothing here ever blocks Asterisk-Java's thread.
 */
final class AmiLink {
    private static final Logger LOG = LoggerFactory.getLogger(AmiLink.class);

    /** What a link reports to, and needs from, the gateway. */
    interface Host {
        /** An event of this server; called on Asterisk-Java's dispatch thread, must not block. */
        void event(AmiLink link, ManagerEvent event);

        /**
         * A resync begins (enqueued before its actions are sent); completes when both lists are in.
         *
         * @param periodic a reconcile of a connected link rather than the resync after a (re)connect
         */
        CompletableFuture<ResyncResult> beginResync(AmiLink link, String channelsId, String devicesId,
                                                    boolean periodic);

        void resyncRefused(AmiLink link, String actionId, String message);

        /** The connection went down. */
        void lost(AmiLink link);

        String nextActionId();
    }

    /** One TCP connection (one Asterisk-Java session). */
    private static final class Session {
        final HotlineManagerConnection conn;
        final Set<CompletableFuture<ManagerResponse>> pending = ConcurrentHashMap.newKeySet();
        final AtomicLong pingsSent = new AtomicLong();
        final AtomicLong pingsAnswered = new AtomicLong();
        volatile ScheduledFuture<?> ping;
        volatile ScheduledFuture<?> reconcile;
        volatile boolean reconciling;
        volatile boolean over;
        /** Asterisk refused this session's DeviceStateList (it was still booting: the module was not loaded yet). */
        volatile boolean devicesRefused;
        /** Asterisk finished booting after refusing the device list: list the devices again once possible. */
        volatile boolean relistAfterBoot;

        Session(HotlineManagerConnection conn) {
            this.conn = conn;
        }

        void failPending(String why) {
            for (CompletableFuture<ManagerResponse> f : pending) {
                f.completeExceptionally(new ConflictException(why));
            }
        }
    }

    private final AmiServerConfig config;
    private final AmiOptions options;
    private final ProblemLog problems;
    private final Host host;
    private final ScheduledThreadPoolExecutor exec;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Clock clock;
    private volatile AmiLinkState state = AmiLinkState.DISCONNECTED;
    private volatile Instant since;
    private volatile String lastProblem = "";
    private volatile Session session;
    private volatile HotlineManagerConnection connecting;
    private int failures;

    AmiLink(AmiServerConfig config, AmiOptions options, ProblemLog problems, Host host) {
        this(config, options, problems, host, Clock.systemUTC());
    }

    /** @param clock stamps each state change ({@link #since}) */
    AmiLink(AmiServerConfig config, AmiOptions options, ProblemLog problems, Host host, Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
        this.config = config;
        this.options = options;
        this.problems = problems;
        this.host = host;
        this.exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ami-link-" + config.name());
            t.setDaemon(true);
            return t;
        });
        exec.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        exec.setRemoveOnCancelPolicy(true);
    }

    String name() {
        return config.name();
    }

    AmiLinkState state() {
        return state;
    }

    /** When the link entered its current state. */
    Instant since() {
        return since;
    }

    /** Where the link points, and while it is not CONNECTED the last reason it is not; never the secret. */
    String detail() {
        String where = config.host() + ":" + config.port();
        String why = lastProblem;
        return state == AmiLinkState.CONNECTED || why.isEmpty() ? where : where + " (" + why + ")";
    }

    private synchronized void moveTo(AmiLinkState next) {
        AmiLinkState now = state;
        if (!now.canMoveTo(next)) {
            throw new IllegalStateException("AMI link " + name() + ": " + now + " -> " + next + " is not allowed");
        }
        state = next;
        since = clock.instant();
        LOG.debug("AMI server {}: {} -> {}", name(), now, next);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts connecting in the background (the link is CONNECTING when this returns); never blocks. */
    void start() {
        synchronized (this) {
            if (state != AmiLinkState.DISCONNECTED || closing.get()) {
                return;
            }
            moveTo(AmiLinkState.CONNECTING);
        }
        run(this::attempt);
    }

    private void run(Runnable task) {
        try {
            exec.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("AMI server {}: link closed, task dropped", name());
        }
    }

    private void attempt() {
        if (state == AmiLinkState.CLOSED) {
            return;
        }
        HotlineManagerConnection conn = new HotlineManagerConnection(config, options, problems);
        Session s = new Session(conn);
        conn.addEventListener(e -> onLibraryEvent(s, e));
        connecting = conn;
        if (closing.get()) {
            connecting = null;
            return;
        }
        try {
            conn.login();
        } catch (AuthenticationFailedException e) {
            retry("login failed for user '" + config.username() + "': " + e.getMessage(), true);
            conn.abort();
            return;
        } catch (IOException | org.asteriskjava.manager.TimeoutException | RuntimeException e) {
            retry(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            conn.abort();
            return;
        } finally {
            connecting = null;
        }
        if (state == AmiLinkState.CLOSED) {
            conn.closeQuietly();
            return;
        }
        if (failures > 0) {
            LOG.info("AMI server {} ({}:{}): logged in after {} failed attempt(s)", name(), config.host(),
                    config.port(), failures);
        } else {
            LOG.info("AMI server {} ({}:{}): logged in", name(), config.host(), config.port());
        }
        failures = 0;
        session = s;
        moveTo(AmiLinkState.SYNCING);
        long ping = options.pingInterval().toMillis();
        s.ping = exec.scheduleWithFixedDelay(() -> pingTick(s), ping, ping, TimeUnit.MILLISECONDS);
        startResync(s, false);
    }

    private void retry(String reason, boolean authentication) {
        if (state == AmiLinkState.CLOSED || closing.get()) {
            return; // a login aborted by close() is no failure to report
        }
        failures++;
        lastProblem = reason;
        Duration wait = backoff(failures);
        if (failures == 1) {
            if (authentication) {
                LOG.error("AMI server {} ({}:{}): {}; retrying in {} ms (back-off up to {} ms)", name(),
                        config.host(), config.port(), reason, wait.toMillis(), options.maxBackoff().toMillis());
            } else {
                LOG.warn("AMI server {} ({}:{}) unreachable: {}; retrying in {} ms (back-off up to {} ms)", name(),
                        config.host(), config.port(), reason, wait.toMillis(), options.maxBackoff().toMillis());
            }
        } else if (failures % 10 == 0) {
            LOG.warn("AMI server {} ({}:{}): still not connected after {} attempts ({}); next in {} ms", name(),
                    config.host(), config.port(), failures, reason, wait.toMillis());
        } else {
            LOG.debug("AMI server {}: attempt {} failed: {}; next in {} ms", name(), failures, reason, wait.toMillis());
        }
        schedule(this::attempt, wait);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            exec.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("AMI server {}: link closed, not rescheduled", name());
        }
    }

    /** {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}, with up to 10 % jitter below the cap. */
    Duration backoff(int n) {
        long initial = options.initialBackoff().toMillis();
        long max = options.maxBackoff().toMillis();
        long base = n >= 31 ? max : Math.min(max, initial << Math.max(0, n - 1));
        long jitter = (long) (base * 0.1 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.min(max, base + jitter));
    }

    /** Asterisk-Java's dispatch thread: hand over, never block. */
    private void onLibraryEvent(Session s, ManagerEvent e) {
        if (e instanceof DisconnectEvent) {
            s.failPending("connection to Asterisk server " + name() + " lost");
            run(() -> lost(s, "connection closed"));
            return;
        }
        if (e instanceof ConnectEvent || e instanceof ProtocolIdentifierReceivedEvent) {
            return;
        }
        if (e instanceof FullyBootedEvent && s.devicesRefused) {
            run(() -> bootedAfterRefusal(s));
        }
        host.event(this, e);
    }

    /** The session is over (closed, unanswered Ping, resync timeout): reconnect with back-off. Link thread. */
    private void lost(Session s, String reason) {
        if (s.over) {
            return;
        }
        s.over = true;
        cancelTimers(s);
        s.failPending("connection to Asterisk server " + name() + " lost");
        s.conn.abort();
        if (session != s) {
            return;
        }
        session = null;
        host.lost(this);
        if (state == AmiLinkState.CLOSED) {
            return;
        }
        lastProblem = reason;
        moveTo(AmiLinkState.RECONNECTING);
        failures = 1;
        Duration wait = backoff(1);
        LOG.warn("AMI server {} ({}:{}): connection lost ({}); reconnecting in {} ms", name(), config.host(),
                config.port(), reason, wait.toMillis());
        schedule(this::attempt, wait);
    }

    /** Closes the link: logs off, stops its thread. Waits at most about one action timeout. */
    void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        HotlineManagerConnection c = connecting;
        if (c != null) {
            c.abort(); // a login in progress fails at once
        }
        run(() -> {
            if (state == AmiLinkState.CLOSED) {
                return;
            }
            moveTo(AmiLinkState.CLOSED);
            Session s = session;
            session = null;
            if (s != null) {
                s.over = true;
                cancelTimers(s);
                s.failPending("the AMI gateway is closed");
                s.conn.closeQuietly();
            }
        });
        exec.shutdown();
        try {
            if (!exec.awaitTermination(options.actionTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                exec.shutdownNow();
            }
        } catch (InterruptedException e) {
            exec.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (state != AmiLinkState.CLOSED) {
            state = AmiLinkState.CLOSED; // the link thread did not get to it; nothing runs any more
        }
    }

    // ------------------------------------------------------------------ resync and ping

    private static void cancelTimers(Session s) {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {s.ping, s.reconcile}) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Asks for the live channels and device states; the tracker compares them with what it knows. Link thread. */
    private void startResync(Session s, boolean periodic) {
        String channelsId = host.nextActionId();
        String devicesId = host.nextActionId();
        CompletableFuture<ResyncResult> done = host.beginResync(this, channelsId, devicesId, periodic);
        CoreShowChannelsAction channels = new CoreShowChannelsAction();
        channels.setActionId(channelsId);
        DeviceStateListAction devices = new DeviceStateListAction();
        devices.setActionId(devicesId);
        for (ManagerAction a : new ManagerAction[] {channels, devices}) {
            send(s, a).whenComplete((r, e) -> {
                if (r != null && isError(r)) {
                    if (a == devices) {
                        s.devicesRefused = true; // before the FullyBooted that may follow: responses come first
                    }
                    host.resyncRefused(this, a.getActionId(), r.getMessage());
                }
            });
        }
        done.orTimeout(options.resyncTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, ex) -> run(() -> {
                    if (periodic) {
                        reconciled(s, result, ex);
                    } else {
                        resyncDone(s, result, ex);
                    }
                }));
    }

    private void resyncDone(Session s, ResyncResult result, Throwable ex) {
        if (s.over || session != s || state != AmiLinkState.SYNCING) {
            return;
        }
        if (ex != null) {
            lost(s, failure("resync", ex));
            return;
        }
        moveTo(AmiLinkState.CONNECTED);
        lastProblem = "";
        LOG.info("AMI server {}: resynchronised: {} live channel(s), {} device state(s), {} call(s) ended while"
                + " disconnected", name(), result.channels(), result.devices(), result.callsEnded());
        long every = options.reconcileInterval().toMillis();
        s.reconcile = exec.scheduleWithFixedDelay(() -> reconcile(s), every, every, TimeUnit.MILLISECONDS);
        relistIfBooted(s);
    }

    /**
     * A freshly started Asterisk accepts AMI logins before it is fully booted and answers DeviceStateList with
     * "Invalid/unknown command" until the module is loaded; its {@code FullyBooted} event follows. The phones' states
     * are then asked for again at once (a reconcile), instead of being known only from live changes until the next
     * periodic reconcile. Link thread.
     */
    private void bootedAfterRefusal(Session s) {
        if (s.over || session != s || !s.devicesRefused) {
            return;
        }
        s.devicesRefused = false;
        s.relistAfterBoot = true;
        LOG.info("AMI server {}: Asterisk is fully booted; listing the device states again", name());
        relistIfBooted(s);
    }

    private void relistIfBooted(Session s) {
        if (s.relistAfterBoot && state == AmiLinkState.CONNECTED && !s.reconciling) {
            s.relistAfterBoot = false;
            reconcile(s);
        }
    }

    private String failure(String what, Throwable ex) {
        Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        return cause instanceof TimeoutException
                ? what + " not complete within " + options.resyncTimeout().toMillis() + " ms"
                : what + " failed: " + cause.getMessage();
    }

    /** The periodic comparison with Asterisk's lists, on a CONNECTED link. Link thread. */
    private void reconcile(Session s) {
        if (s.over || session != s || state != AmiLinkState.CONNECTED || s.reconciling) {
            return;
        }
        s.reconciling = true;
        startResync(s, true);
    }

    private void reconciled(Session s, ResyncResult result, Throwable ex) {
        s.reconciling = false;
        if (s.over || session != s) {
            return;
        }
        if (ex != null) {
            lost(s, failure("reconcile", ex));
        } else if (result.callsEnded() > 0) {
            LOG.warn("AMI server {}: {} call(s) no longer on Asterisk although their Hangup has not arrived; ended"
                    + " unless it arrives within a few seconds", name(), result.callsEnded());
        } else {
            LOG.debug("AMI server {}: reconciled: {} live channel(s), {} device state(s)", name(), result.channels(),
                    result.devices());
        }
        if (ex == null) {
            relistIfBooted(s);
        }
    }

    private void pingTick(Session s) {
        if (s.over || s.pingsAnswered.get() < s.pingsSent.get()) {
            return; // the previous Ping's own timeout decides
        }
        long n = s.pingsSent.incrementAndGet();
        PingAction ping = new PingAction();
        ping.setActionId(host.nextActionId());
        send(s, ping).whenComplete((r, e) -> {
            if (r != null) {
                s.pingsAnswered.accumulateAndGet(n, Math::max);
            }
        });
        schedule(() -> {
            if (!s.over && s.pingsAnswered.get() < n) {
                lost(s, "no answer to Ping within " + options.pingTimeout().toMillis() + " ms");
            }
        }, options.pingTimeout());
    }

    // ------------------------------------------------------------------ actions

    private CompletableFuture<ManagerResponse> send(Session s, ManagerAction action) {
        CompletableFuture<ManagerResponse> f = new CompletableFuture<>();
        if (s == null || s.over) {
            f.completeExceptionally(new ConflictException("Asterisk server " + name() + " is not connected"));
            return f;
        }
        s.pending.add(f);
        f.whenComplete((r, e) -> s.pending.remove(f));
        if (action.getActionId() == null && action instanceof org.asteriskjava.manager.action.AbstractManagerAction a) {
            a.setActionId(host.nextActionId());
        }
        try {
            s.conn.sendAction(action, f::complete);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(new ConflictException("could not send " + action.getAction() + " to Asterisk"
                    + " server " + name() + ": " + e.getMessage()));
        }
        return f;
    }

    /** Sends an action on a CONNECTED link without waiting; the future fails when the link is not connected. */
    CompletableFuture<ManagerResponse> sendAsync(ManagerAction action) {
        if (state != AmiLinkState.CONNECTED) {
            return CompletableFuture.failedFuture(new ConflictException("Asterisk server " + name()
                    + " is not connected (" + state + ")"));
        }
        return send(session, action);
    }

    /**
     * Sends an action on a CONNECTED link and waits for Asterisk's answer.
     *
     * @throws AsteriskRefusedException when the answer is {@code Response: Error} (carrying Asterisk's
     *                                  {@code Message:})
     * @throws ConflictException        when the link is not connected or the answer does not come in time
     */
    ManagerResponse call(ManagerAction action) {
        if (state != AmiLinkState.CONNECTED) {
            throw new ConflictException("Asterisk server " + name() + " is not connected (" + state + ")");
        }
        CompletableFuture<ManagerResponse> f = send(session, action);
        ManagerResponse r;
        try {
            r = f.get(options.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new ConflictException("Asterisk server " + name() + " did not answer " + action.getAction()
                    + " within " + options.actionTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ConflictException(action.getAction() + " failed: " + e.getCause());
        } catch (CancellationException e) {
            throw new ConflictException(action.getAction() + " was cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while waiting for " + action.getAction());
        }
        if (isError(r)) {
            throw new AsteriskRefusedException(r.getMessage() == null ? action.getAction() + " failed"
                    : r.getMessage());
        }
        return r;
    }

    static boolean isError(ManagerResponse r) {
        return r instanceof ManagerError || "Error".equalsIgnoreCase(r.getResponse());
    }

    @Override
    public String toString() {
        return "AmiLink[" + name() + " " + config.host() + ":" + config.port() + " " + state + "]";
    }
}
