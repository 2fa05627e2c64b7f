package org.hotline.ivr;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hotline.ivr.flow.ClassRule;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.ivr.flow.HangupNode;
import org.hotline.ivr.flow.Prompt;
import org.hotline.ivr.flow.QueueNode;
import org.hotline.platform.Times;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.customer.CustomerLookup;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.CallRouter;
import org.hotline.platform.routing.EnqueueOutcome.AlreadyInAcd;
import org.hotline.platform.routing.EnqueueOutcome.Queued;
import org.hotline.platform.routing.EnqueueOutcome.UnknownQueue;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IVR: runs every incoming call through its call flow, then queues it and keeps the caller waiting until an
 * agent answers. Uses nothing but {@link CallChannel} commands, so it runs the same on Asterisk (FastAGI) and on the
 * simulated switch.
 *
 * <p>Events: {@code CallArrived} first, {@code IvrCompleted} when the flow has decided (queue, or null when the call
 * ends in the IVR). The switch reports the call's end ({@code CallHungUp}); routing reports queueing and answering.
 * A caller hang-up at any point ends the handler quietly.
 */
public final class IvrEngine implements CallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IvrEngine.class);

    private final FlowSet flows;
    private final CallRouter router;
    private final EventBus bus;
    private final Clock clock;
    private final IvrSettings settings;
    private final CallerIdentification identification;
    private final WaitingTreatment waiting;

    public IvrEngine(FlowSet flows, CustomerLookup customers, CallRouter router, EventBus bus, Clock clock) {
        this(flows, customers, router, bus, clock, IvrSettings.defaults());
    }

    public IvrEngine(FlowSet flows, CustomerLookup customers, CallRouter router, EventBus bus, Clock clock,
                     IvrSettings settings) {
        this(flows, customers, router, bus, clock, settings, null);
    }

    /** @param callbacks stores queue callbacks; null = the flows' callback offers are not made */
    public IvrEngine(FlowSet flows, CustomerLookup customers, CallRouter router, EventBus bus, Clock clock,
                     IvrSettings settings, CallbackService callbacks) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.router = Objects.requireNonNull(router, "router");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.identification = new CallerIdentification(Objects.requireNonNull(customers, "customers"));
        this.waiting = new WaitingTreatment(router, settings, callbacks);
    }

    @Override
    public void handle(CallChannel channel) {
        CallInfo info = channel.info();
        String callId = info.callId();
        CallArrived arrived = new CallArrived(callId, info.ani(), info.dnis(), info.channel(), info.switchCallId(),
                Times.now(clock));
        bus.publish(arrived);
        try {
            channel.answer();
            CallSession session = new CallSession(info, selectFlow(info),
                    identification.byPhone(callId, info.ani()), arrived.at());
            switch (new FlowWalker(channel, session, identification).walk()) {
                case FlowWalker.ToQueue q -> queue(channel, session, q.node());
                case FlowWalker.ToHangup h -> endInIvr(channel, session, h.node());
            }
        } catch (CallerHangupException e) {
            LOG.debug("call {}: caller gone ({})", callId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("call {}: IVR interrupted", callId);
        } catch (RuntimeException e) {
            LOG.error("call {}: IVR failed", callId, e);
            hangupQuietly(channel);
        }
    }

    /** The flow named by the {@code flow} parameter, else by the AGI script, else the default flow. */
    private Flow selectFlow(CallInfo info) {
        String requested = info.params().get("flow");
        if (requested != null) {
            if (flows.find(requested).isPresent()) {
                return flows.get(requested);
            }
            LOG.warn("call {}: unknown flow '{}' requested, using the default", info.callId(), requested);
        }
        String script = info.script() == null ? null : info.script().replaceFirst("[?].*$", "");
        return flows.find(script).orElseGet(() -> flows.get(settings.defaultFlow()));
    }

    private void queue(CallChannel channel, CallSession session, QueueNode node) throws InterruptedException {
        Flow flow = session.flow();
        ClassRule rule = flow.rule(session.customerClass());
        String queue = rule != null && rule.queue() != null ? rule.queue() : node.queue();
        int priority = node.priority() + (rule == null ? 0 : rule.priority());
        List<Prompt> prompts = Stream.of(rule == null ? null : rule.prompt(), node.prompt()).filter(Objects::nonNull)
                .toList();
        // where routing can wake the channel, the call is queued first and its prompts are cut short (or skipped)
        // once an agent is free; elsewhere they play before the call is queued, so that no reserved agent waits for
        // them
        boolean queueFirst = channel.wakeable();
        if (!queueFirst) {
            prompts.forEach(p -> PromptPlayer.play(channel, p));
        }
        bus.publish(completed(session, queue));
        switch (router.enqueue(session.context(queue, priority, Times.now(clock)))) {
            case Queued queued -> waiting.waitForAgent(channel, session, queue, queued.call(), node,
                    queueFirst ? prompts : List.of());
            case UnknownQueue unknown -> {
                LOG.warn("call {}: flow '{}' sends calls to queue '{}', which routing does not know",
                        session.callId(), flow.id(), unknown.queue());
                PromptPlayer.play(channel, flow.sorryPrompt());
                channel.hangup();
            }
            case AlreadyInAcd twice -> {
                // a second IVR session for a call routing already holds: a fault upstream, so end it as before
                LOG.error("call {}: already in routing, not queued again into '{}'", session.callId(), queue);
                channel.hangup();
            }
        }
    }

    private void endInIvr(CallChannel channel, CallSession session, HangupNode node) {
        bus.publish(completed(session, null));
        PromptPlayer.play(channel, node.prompt());
        channel.hangup();
    }

    private IvrCompleted completed(CallSession session, String queue) {
        return new IvrCompleted(session.callId(), session.path(), session.digits(), session.customerId(),
                session.customerName(), session.customerClass(), queue, Times.now(clock));
    }

    private static void hangupQuietly(CallChannel channel) {
        try {
            channel.hangup();
        } catch (RuntimeException e) {
            LOG.debug("call {}: hang-up after failure did not work: {}", channel.info().callId(), e.getMessage());
        }
    }
}
