package org.hotline.console.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hotline.platform.Times;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.ConnectResult;

/**
 * The smallest IVR that lets a simulated call reach a console agent: announce the call, identify the caller by
 * number, queue the call, ring the reserved agent's device, report the outcome to the ACD. (The real IVR module is not a dependency here.)
 */
public final class MiniIvr implements CallHandler {
    private final Stack stack;

    public MiniIvr(Stack stack) {
        this.stack = stack;
    }

    @Override
    public void handle(CallChannel channel) {
        CallInfo info = channel.info();
        Instant now = Times.now(stack.backend.clock);
        stack.backend.bus.publish(new CallArrived(info.callId(), info.ani(), info.dnis(), info.channel(), now));
        channel.answer();
        Optional<Customer> customer = stack.backend.ticketing.customers().findByPhone(info.ani());
        stack.backend.bus.publish(new IvrCompleted(info.callId(), "main>2", "2",
                customer.map(Customer::id).orElse(null), customer.map(Customer::name).orElse(null),
                customer.map(Customer::customerClass).orElse(null), Stack.QUEUE, now));
        CallContext call = new CallContext(info.callId(), info.ani(), info.dnis(),
                customer.map(Customer::id).orElse(null), customer.map(Customer::name).orElse(null),
                customer.map(Customer::customerClass).orElse(null), "main>2", "2", Stack.QUEUE, 5, now, now);
        EnqueueOutcome queued = stack.acd.enqueue(call);
        if (!(queued instanceof EnqueueOutcome.Queued(WaitingCall waiting))) {
            throw new IllegalStateException("routing did not queue " + info.callId() + ": " + queued);
        }
        try {
            Optional<Reservation> reservation = waiting.awaitReservation(Duration.ofSeconds(30));
            if (reservation.isEmpty()) {
                channel.hangup();
                return;
            }
            ConnectResult result = channel.connect(reservation.get().device(), reservation.get().ringTimeout());
            if (result == ConnectResult.ANSWERED) {
                stack.acd.answered(info.callId());
            } else {
                stack.acd.ringNoAnswer(info.callId());
                channel.hangup();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.hangup();
        }
    }
}
