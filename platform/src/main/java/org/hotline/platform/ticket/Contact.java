package org.hotline.platform.ticket;

/**
 * How to reach the person a ticket is for when no customer record is linked (a web or email complaint): any part
 * may be null, but a complaint needs a customer or a phone.
 */
public record Contact(String name, String phone, String email) {
}
