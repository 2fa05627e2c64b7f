package org.hotline.platform.ticket;

/** Where a ticket came in (W2.1 多渠道): the hotline, the front desk, the public web form, email, fax or letter. */
public enum Channel { PHONE, FRONT_DESK, WEB, EMAIL, LETTER }
