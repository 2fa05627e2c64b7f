package org.hotline.platform.intake;

/**
 * A complaint as a member of the public types it into the web form (no login): name, phone and description are
 * required, email and the product's serial (or IMEI) optional. {@code honeypot} is the form's hidden field, which a
 * person never sees and leaves empty; anything in it marks the sender as a bot.
 */
public record WebComplaint(String name, String phone, String email, String description, String productSerial,
                           String honeypot) {
}
