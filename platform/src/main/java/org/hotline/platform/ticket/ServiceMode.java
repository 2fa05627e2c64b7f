package org.hotline.platform.ticket;

/** How the case is served: by phone, on site, carry-in, mail-in or paid service. */
public enum ServiceMode { PHONE, ON_SITE, CARRY_IN, MAIL_IN, PAID }
