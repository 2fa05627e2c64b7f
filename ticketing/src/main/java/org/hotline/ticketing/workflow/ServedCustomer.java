package org.hotline.ticketing.workflow;

import java.util.Optional;

/**
 * The customer of the call an agent is on now (ringing, talking, wrapping up), if known: an agent may read every
 * ticket of that customer. The ACD knows it; the node wires it in ({@link #NONE} without an ACD).
 */
@FunctionalInterface
public interface ServedCustomer {
    ServedCustomer NONE = username -> Optional.empty();

    Optional<Long> of(String username);
}
