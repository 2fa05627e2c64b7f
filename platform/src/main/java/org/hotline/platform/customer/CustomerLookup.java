package org.hotline.platform.customer;

import java.util.Optional;

/** Caller identification by phone number (ANI), as the IVR needs it. */
public interface CustomerLookup {
    Optional<Customer> findByPhone(String phone);
}
