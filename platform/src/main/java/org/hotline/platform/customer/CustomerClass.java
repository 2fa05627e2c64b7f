package org.hotline.platform.customer;

/** Customer class; decides routing priority and service level. */
public enum CustomerClass { ORDINARY, VIP, BLACKLISTED }
