package org.hotline.platform.callback;

/**
 * A callback the IVR takes from a waiting caller. {@code phone} is the number to call back (digits only, 3 to 20);
 * {@code customerId} and {@code customerName} are null for an unknown caller.
 */
public record NewCallback(String callId, String queue, String phone, Long customerId, String customerName) {
}
