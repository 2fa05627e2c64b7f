package org.hotline.ivr;

import java.util.Optional;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the customer behind a phone number; a lookup failure is logged and the caller served as unknown. */
final class CallerIdentification {
    private static final Logger LOG = LoggerFactory.getLogger(CallerIdentification.class);

    private final CustomerLookup customers;

    CallerIdentification(CustomerLookup customers) {
        this.customers = customers;
    }

    Optional<Customer> byPhone(String callId, String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        try {
            return customers.findByPhone(phone);
        } catch (RuntimeException e) {
            LOG.warn("call {}: customer lookup failed, serving the caller as unknown", callId, e);
            return Optional.empty();
        }
    }
}
