package org.hotline.ivr;

import java.time.Instant;
import java.util.Optional;
import org.hotline.ivr.flow.Flow;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.telephony.CallInfo;

/** What the IVR learns about one call while walking its flow: the caller, the path walked and every key. */
final class CallSession {
    private final CallInfo info;
    private final Flow flow;
    private final Instant arrivedAt;
    private final StringBuilder path;
    private final StringBuilder digits = new StringBuilder();
    private Customer customer;

    CallSession(CallInfo info, Flow flow, Optional<Customer> customer, Instant arrivedAt) {
        this.info = info;
        this.flow = flow;
        this.arrivedAt = arrivedAt;
        this.customer = customer.orElse(null);
        this.path = new StringBuilder(flow.id());
    }

    String callId() {
        return info.callId();
    }

    CallInfo info() {
        return info;
    }

    Flow flow() {
        return flow;
    }

    /** Records one input step, e.g. {@code menu:2} ({@code T} = timeout). */
    void step(String nodeId, String input) {
        path.append('>').append(nodeId).append(':').append(input);
    }

    /** Records keys the caller pressed. */
    void keys(String pressed) {
        digits.append(pressed);
    }

    String path() {
        return path.toString();
    }

    String digits() {
        return digits.toString();
    }

    boolean identified() {
        return customer != null;
    }

    void identifiedAs(Customer found) {
        this.customer = found;
    }

    Long customerId() {
        return customer == null ? null : customer.id();
    }

    String customerName() {
        return customer == null ? null : customer.name();
    }

    /** Null for an unknown caller. */
    CustomerClass customerClass() {
        return customer == null ? null : customer.customerClass();
    }

    CallContext context(String queue, int priority, Instant queuedAt) {
        return new CallContext(info.callId(), info.ani(), info.dnis(), customerId(), customerName(), customerClass(),
                path(), digits(), queue, priority, arrivedAt, queuedAt);
    }
}
