package org.hotline.platform.ticket;

/** How the customer was told a complaint's outcome (复清楚): a resolved complaint must say. */
public enum CustomerInformedVia { PHONE, SMS, EMAIL, LETTER, VISIT }
